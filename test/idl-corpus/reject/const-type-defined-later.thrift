# expect: SLUICE3019 at 3:7
# 0.17 checks constant values while parsing: their type must already be defined.
const E X = E.A
enum E { A }
