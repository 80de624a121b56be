# expect: SLUICE1011 at 2:8
struct a.b { 1: i32 x }
