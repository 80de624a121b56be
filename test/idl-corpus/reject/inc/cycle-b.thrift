include "cycle-a.thrift"
struct B {}
