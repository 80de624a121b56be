# expect: SLUICE2005
typedef i32 T
typedef i64 T
