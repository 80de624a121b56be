// Benchmark shapes (thrift-wire notes §14): a 6-field struct, and one holding 20 of them plus a small map.
struct Small {
  1: string name,
  2: i8 tiny,
  3: i32 count,
  4: i64 big,
  5: double ratio,
  6: bool ok,
}

struct Big {
  1: map<i64, i64> totals,
  2: list<Small> items,
}
