# expect: SLUICE2008 at 3:15
service Svc {}
struct S { 1: Svc s }
