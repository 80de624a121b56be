# expect: SLUICE3010 at 3:13
enum E { A = 1 }
const E X = 7
