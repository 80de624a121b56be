# expect: SLUICE1006 at 2:19
struct S { 1: i32 map }
