# expect: SLUICE3008 at 2:15
const i32 X = 1.5
