# expect: SLUICE1007 at 2:8
struct print { 1: i32 a }
