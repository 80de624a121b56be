# expect: SLUICE1008
senum Names { "a", "b" }
