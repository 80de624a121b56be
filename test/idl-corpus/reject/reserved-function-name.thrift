# expect: SLUICE1007 at 2:18
service S { void yield() }
