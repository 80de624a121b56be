# expect: SLUICE1007
service S { void yield() }
