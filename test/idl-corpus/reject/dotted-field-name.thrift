# expect: SLUICE1011
struct S { 1: i32 a.b }
