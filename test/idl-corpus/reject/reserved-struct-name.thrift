# expect: SLUICE1007
struct print { 1: i32 a }
