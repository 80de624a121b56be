// The RPC interop IDL: every Thrift type, declared and undeclared exceptions, oneway, unions, nested
// containers. Peers: Apache Thrift Python 0.17 (`thrift --gen py`) and npm thrift 0.24
// (`thrift --gen js:node,es6`), both generated at test time.
namespace py interop
namespace js interop

enum Numberz { ONE = 1, TWO = 2, THREE = 3, FIVE = 5, SIX = 6, EIGHT = 8 }

struct Xtruct {
  1: string string_thing,
  4: i8 byte_thing,
  9: i32 i32_thing,
  11: i64 i64_thing
}

union Choice {
  1: string text,
  2: i64 number,
  3: Xtruct item
}

struct Kitchen {
  1: bool yes,
  2: bool no,
  3: i8 i8v,
  4: i16 i16v,
  5: i32 i32v,
  6: i64 i64v,
  7: double dbl,
  8: string str,
  9: binary bin,
  10: Numberz num,
  11: list<i64> longs,
  12: set<string> names,
  13: map<string, list<map<i32, Xtruct>>> nested,
  14: Choice choice,
  15: optional Xtruct maybe,
  17: map<i32, set<i16>> sets,
  18: list<double> doubles
}

exception Xception {
  1: i32 errorCode,
  2: string message
}

exception Xception2 {
  1: i32 errorCode,
  2: Xtruct struct_thing
}

service Interop {
  void testVoid(),
  string echoString(1: string s),
  i64 echoI64(1: i64 v),
  double echoDouble(1: double d),
  list<bool> echoBools(1: list<bool> b),
  binary echoBinary(1: binary b),
  Choice echoChoice(1: Choice c),
  Kitchen echoKitchen(1: Kitchen k),
  Xtruct testMulti(1: i8 a0, 2: i32 a1, 3: i64 a2),
  Xtruct testMultiException(1: string arg0, 2: string arg1) throws (1: Xception err1, 2: Xception2 err2),
  oneway void testOneway(1: i32 tag),
  i32 onewayCount(),
  // map<i64,_>: npm thrift keys JS objects by Int64.toString() and re-parses them as hex (known failure).
  map<i64, string> echoI64Map(1: map<i64, string> m)
}

service Second {
  string secondtestString(1: string s)
}
