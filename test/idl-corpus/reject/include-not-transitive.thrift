# expect: SLUICE2003 at 4:35
# inc/middle.thrift includes inc/inner.thrift; that does not make inner visible here.
include "inc/middle.thrift"
struct S { 1: middle.Middle m, 2: inner.Inner i }
