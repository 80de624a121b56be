# expect: SLUICE3019 at 3:9
# The typedef is defined early but points to a type defined after the constant value.
typedef F T
struct S { 1: T c = 1 }
typedef i64 F
