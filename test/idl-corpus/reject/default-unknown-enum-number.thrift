# expect: SLUICE3010 at 3:21
enum E { A = 1 }
struct S { 1: E e = 7 }
