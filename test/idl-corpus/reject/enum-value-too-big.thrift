# expect: SLUICE3009
enum E { A = 2147483648 }
