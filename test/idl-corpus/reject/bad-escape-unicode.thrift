# expect: SLUICE1003 at 3:19
# 0.17 has no \u escapes.
const string S = "\u00e9"
