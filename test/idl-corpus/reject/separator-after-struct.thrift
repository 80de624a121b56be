# expect: SLUICE1006
# Only const and typedef take a trailing separator.
struct S { 1: i32 a };
