# expect: SLUICE1001
# An identifier cannot contain "-" (thrift-parser accepts it).
struct S { 1: string a-b }
