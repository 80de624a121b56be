# expect: SLUICE2003 at 3:15
include "inc/ok.thrift"
struct S { 1: Ok ok }
