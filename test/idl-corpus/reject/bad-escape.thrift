# expect: SLUICE1003 at 3:20
# Only \n \r \t \" \' and \\ are escapes in 0.17.
const string S = "a\qb"
