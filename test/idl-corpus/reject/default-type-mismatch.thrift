# expect: SLUICE3008
struct S { 1: i32 a = "x" }
