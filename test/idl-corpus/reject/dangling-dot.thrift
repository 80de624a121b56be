# expect: SLUICE1001 at 2:19
const double D = 5.
