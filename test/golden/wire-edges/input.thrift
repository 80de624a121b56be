// Wire edge cases for generated codecs, checked byte for byte against Apache Python (thrift-wire notes §3):
// bool fields in the compact type nibble, bool lists, empty maps, long-form compact field ids
// (delta > 15), nested structs restoring the delta state, and numeric boundaries.
struct V {
  1: bool t,
  2: bool f,
  3: i8 b,
  4: i16 s,
  5: i32 i,
  6: i64 l,
  7: double d,
  8: string str,
  9: binary bin,
  10: list<bool> lb,
  11: map<i32, string> m,
  12: set<i32> st,
  13: V nested,
  29: i32 back,
  30: i32 far,
  1000: i16 farther,
  4000: list<double> ds,
}
