# expect: SLUICE3013
service S { void f() throws (1: string e) }
