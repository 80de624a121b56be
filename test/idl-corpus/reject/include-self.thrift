# expect: SLUICE2002 at 3:1
# 0.17 crashes (SIGSEGV) on include cycles; ours is an error.
include "include-self.thrift"
struct S {}
