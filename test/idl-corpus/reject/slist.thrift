# expect: SLUICE1008
struct S { 1: slist a }
