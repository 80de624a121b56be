# expect: SLUICE3010
enum E { A = 1 }
const E X = 7
