# expect: SLUICE3008
const string S = 1
