# expect: SLUICE2010 at 3:11
# 0.17 loops forever on this; ours is an error.
typedef A B
typedef B A
struct S { 1: A a }
