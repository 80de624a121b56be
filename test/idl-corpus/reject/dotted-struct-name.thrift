# expect: SLUICE1011
struct a.b { 1: i32 x }
