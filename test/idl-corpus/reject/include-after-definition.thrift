# expect: SLUICE1009
struct S {}
include "inc/ok.thrift"
