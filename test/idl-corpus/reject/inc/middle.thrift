include "inner.thrift"
struct Middle { 1: inner.Inner i }
