# expect: SLUICE3013 at 3:30
struct NotAnException {}
service S { void f() throws (1: NotAnException e) }
