# expect: SLUICE3008 at 2:23
struct S { 1: i32 a = "x" }
