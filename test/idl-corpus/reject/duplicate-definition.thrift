# expect: SLUICE2005
struct S { 1: i32 a }
struct S { 1: i32 b }
