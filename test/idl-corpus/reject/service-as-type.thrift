# expect: SLUICE2008
service Svc {}
struct S { 1: Svc s }
