# expect: SLUICE3015
enum E { A, A }
