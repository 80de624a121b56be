# expect: SLUICE1007
struct S { 1: string class }
