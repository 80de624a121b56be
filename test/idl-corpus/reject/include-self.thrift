# expect: SLUICE2002
# 0.17 crashes (SIGSEGV) on include cycles; ours is an error.
include "include-self.thrift"
struct S {}
