# expect: SLUICE3013 at 2:30
service S { void f() throws (1: string e) }
