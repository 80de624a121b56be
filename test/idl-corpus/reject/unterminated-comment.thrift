# expect: SLUICE1004
struct S { 1: i32 a }
/* never closed
