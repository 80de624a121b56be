# expect: SLUICE1004 at 3:1
struct S { 1: i32 a }
/* never closed
