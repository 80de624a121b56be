# expect: SLUICE1007
enum E { A, import }
