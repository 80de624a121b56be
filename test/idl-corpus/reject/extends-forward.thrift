# expect: SLUICE2007
service B extends A {}
service A {}
