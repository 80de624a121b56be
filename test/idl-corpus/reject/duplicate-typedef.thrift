# expect: SLUICE2005 at 3:13
typedef i32 T
typedef i64 T
