# expect: SLUICE1001
const double D = 5.
