# expect: SLUICE3019 at 2:15
struct S { 1: X x = {"a": 1} }
struct X { 1: i32 a }
