# expect: SLUICE1006 at 3:23
# An identifier cannot contain "-" (thrift-parser accepts it): 0.17 reads the "-" as a number.
struct S { 1: string a-b }
