# expect: SLUICE2009 at 3:13
enum E { A }
const E X = A
