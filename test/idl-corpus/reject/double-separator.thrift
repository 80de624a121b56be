# expect: SLUICE1006 at 2:24
const list<i32> L = [1,,2]
