# expect: SLUICE1011
enum E { A.B }
