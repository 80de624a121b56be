# expect: SLUICE2008
const i32 C = 1
struct S { 1: C c }
