# expect: SLUICE1009 at 3:1
struct S {}
include "inc/ok.thrift"
