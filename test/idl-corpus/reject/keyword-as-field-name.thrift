# expect: SLUICE1006
struct S { 1: i32 map }
