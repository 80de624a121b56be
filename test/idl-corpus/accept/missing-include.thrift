// 0.17 only warns about an include it cannot find, as long as nothing from it is used.
include "inc/no-such-file.thrift"
struct S { 1: i32 a }
