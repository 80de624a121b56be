# expect: SLUICE1011 at 2:10
enum E { A.B }
