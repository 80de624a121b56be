# expect: SLUICE3008 at 5:21
# 0.17 substitutes constant names only where a scalar is expected.
struct S { 1: i32 a }
const S X = { "a": 1 }
struct T { 1: S s = X }
