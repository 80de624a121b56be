# expect: SLUICE1008 at 2:1
senum Names { "a", "b" }
