# expect: SLUICE1002 at 3:18
# Strings cannot span lines.
const string S = "open
"
