# expect: SLUICE3007 at 3:13
exception X {}
service S { oneway void f() throws (1: X x) }
