# expect: SLUICE2004 at 3:15
# 0.17 resolves constant references while parsing: the constant must come first.
const i32 B = A
const i32 A = 1
