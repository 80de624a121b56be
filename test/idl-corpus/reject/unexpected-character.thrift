# expect: SLUICE1001 at 3:23
# "@" is no Thrift token.
struct S { 1: string a@b }
