# expect: SLUICE1001
# "@" is no Thrift token.
struct S { 1: string a@b }
