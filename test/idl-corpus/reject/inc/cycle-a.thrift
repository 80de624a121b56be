include "cycle-b.thrift"
struct A {}
