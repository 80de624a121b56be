// Golden-vector IDL: every Thrift type at its boundaries, checked byte for byte against Apache Thrift's
// Python library (gen_vectors.py) in both protocols. Contract §5 annotations appear on Person.
namespace py vectors

enum Color { RED = 1, GREEN = 2, BLUE = 3, NEG = -5 }

struct Inner {
  1: i32 a
  2: optional string b
}

union Choice {
  1: string s
  2: i64 n
  3: Inner inner
  4: bool flag
}

struct Scalars {
  1: optional bool t
  2: optional bool f
  3: optional byte b
  4: optional i16 s
  5: optional i32 i
  6: optional i64 l
  7: optional double d
  8: optional string str
  9: optional binary bin
  10: optional Color color
}

struct Containers {
  1: optional list<bool> lb
  2: optional map<i32, string> m
  3: optional set<i32> st
  4: optional list<list<i64>> nested
  5: optional map<string, list<Inner>> deep
  6: optional map<i64, Color> by_id
  7: optional list<double> ds
  8: optional map<bool, bool> bb
  9: optional set<string> ss
  10: optional list<Color> colors
  11: optional map<string, string> empty_map
  12: optional list<binary> bins
  13: optional set<bool> sb
  14: optional list<byte> bytes14
  15: optional list<i16> shorts15
}

// Declared out of id order on purpose: Apache writes by ascending id, so must we.
struct Deltas {
  30: optional i32 far
  29: optional i32 back
  1: optional i32 one
  17: optional i32 seventeen
  32: optional bool b32
  100: optional bool b100
  500: optional i64 x500
  1000: optional Inner x1000
  2000: optional list<bool> x2000
  3000: optional double x3000
  4000: optional string x4000
}

struct Defaults {
  1: i32 n = 42
  2: string s = "dflt"
  3: optional list<i32> li = [1, 2, 3]
  4: Inner inner = {"a": 9}
  5: required i64 big = 9007199254740993
  6: Color c = Color.GREEN
  7: double d = 0.5
  8: map<string, i16> m = {"k": -1}
  9: bool flag = true
}

struct Person {
  1: required string name
  2: optional string email (api.body = "mail")
  3: optional i64 id (api.js_conv = "true")
  4: optional Choice choice
  5: optional list<Person> friends
}

struct Everything {
  1: optional Scalars sc
  2: optional Containers co
  3: optional Deltas de
  4: optional Choice ch
  5: optional list<Everything> kids
  6: optional map<string, Choice> choices
}

struct V1 {
  1: i32 a
  2: optional string b
}

struct V2 {
  1: i32 a
  2: optional string b
  3: optional list<map<string, i32>> extra
  4: optional Inner newer
  5: optional double dx
  6: optional bool flag
  7: optional set<i64> more
}
