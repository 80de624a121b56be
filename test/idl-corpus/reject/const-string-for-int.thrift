# expect: SLUICE3008
const i32 X = "1"
