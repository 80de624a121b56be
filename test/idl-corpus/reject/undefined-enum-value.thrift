# expect: SLUICE2004 at 3:15
enum E { A }
const i32 X = E.Z
