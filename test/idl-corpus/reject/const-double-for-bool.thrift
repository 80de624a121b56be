# expect: SLUICE3008
const bool B = 1.0
