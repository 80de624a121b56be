# expect: SLUICE2002 at inc/cycle-b.thrift:1:1
include "inc/cycle-a.thrift"
struct S { 1: cycle-a.A a }
