# expect: SLUICE2009
enum E { A }
const E X = A
