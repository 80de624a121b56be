# expect: SLUICE3009 at 2:10
enum E { A = -2147483649 }
