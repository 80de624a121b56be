# expect: SLUICE2005 at 3:8
struct S { 1: i32 a }
struct S { 1: i32 b }
