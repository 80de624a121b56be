# expect: SLUICE3015 at 2:13
enum E { A, A }
