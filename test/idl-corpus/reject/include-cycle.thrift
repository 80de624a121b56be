# expect: SLUICE2002
include "inc/cycle-a.thrift"
struct S { 1: cycle-a.A a }
