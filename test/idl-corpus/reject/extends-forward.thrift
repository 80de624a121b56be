# expect: SLUICE2007 at 2:19
service B extends A {}
service A {}
