# expect: SLUICE1007 at 2:13
enum E { A, import }
