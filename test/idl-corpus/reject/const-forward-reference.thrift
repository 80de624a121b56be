# expect: SLUICE2004
# 0.17 resolves constant references while parsing: the constant must come first.
const i32 B = A
const i32 A = 1
