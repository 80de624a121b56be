# expect: SLUICE3008 at 2:18
const string S = 1
