# expect: SLUICE1006
const list<i32> L = [1,,2]
