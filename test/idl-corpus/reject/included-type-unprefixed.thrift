# expect: SLUICE2003
include "inc/ok.thrift"
struct S { 1: Ok ok }
