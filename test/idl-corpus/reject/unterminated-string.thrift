# expect: SLUICE1002
# Strings cannot span lines.
const string S = "open
"
