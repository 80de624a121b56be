# expect: SLUICE3008 at 2:16
const bool B = 1.0
