# expect: SLUICE1011 at 2:19
struct S { 1: i32 a.b }
