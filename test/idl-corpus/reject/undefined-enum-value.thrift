# expect: SLUICE2004
enum E { A }
const i32 X = E.Z
