# expect: SLUICE2003
struct S { 1: Missing m }
