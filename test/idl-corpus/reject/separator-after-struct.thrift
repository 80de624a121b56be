# expect: SLUICE1006 at 3:22
# Only const and typedef take a trailing separator.
struct S { 1: i32 a };
