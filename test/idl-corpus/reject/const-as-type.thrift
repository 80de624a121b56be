# expect: SLUICE2008 at 3:15
const i32 C = 1
struct S { 1: C c }
