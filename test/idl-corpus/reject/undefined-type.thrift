# expect: SLUICE2003 at 2:15
struct S { 1: Missing m }
