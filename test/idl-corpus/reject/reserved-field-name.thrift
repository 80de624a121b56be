# expect: SLUICE1007 at 2:22
struct S { 1: string class }
