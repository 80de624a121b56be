# expect: SLUICE1008 at 2:15
struct S { 1: slist a }
