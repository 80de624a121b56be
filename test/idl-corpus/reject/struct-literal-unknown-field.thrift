# expect: SLUICE3011 at 3:15
struct S { 1: i32 a }
const S X = { "b": 1 }
