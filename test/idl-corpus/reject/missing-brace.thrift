# expect: SLUICE1006 at 4:1
struct S {
  1: i32 a
