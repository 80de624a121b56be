# expect: SLUICE2003 at 3:15
# 0.17 has no uuid type (0.18 added it): "Type uuid not defined".
struct S { 1: uuid id }
