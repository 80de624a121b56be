/**
 * Kitchen sink: every grammar construct in one file, as codegen and the route compiler meet them.
 */
namespace * sluice.kitchen
namespace js sluice.kitchen
namespace py sluice.kitchen (py.package = "kitchen")

include "inc/common.thrift"
cpp_include "<map>"

typedef i32 MyInteger
typedef MyInteger Chain;
typedef list<map<string, set<common.Color>>> DeepContainer
typedef common.Point PointAlias

/** Numbers. */
enum Numberz { ONE = 1, TWO, THREE, FIVE = 5, SIX, EIGHT = 8 }

const Numberz BEST = Numberz.FIVE
const map<Numberz, string> NAMES = { Numberz.ONE: "one", Numberz.TWO: "two" }
const list<double> DOUBLES = [1, 2.5, -0.5, 1e-3]
const DeepContainer DEEP = [{ "k": [common.Color.RED] }]
const i64 MAX_ID = 0x7fffffffffffffff

struct Bonk { 1: string message, 2: i32 type }

struct Xtruct {
  1: string string_thing,
  4: byte byte_thing,
  9: i32 i32_thing,
  11: i64 i64_thing
}

struct Xtruct2 { 1: i8 byte_thing, 2: Xtruct struct_thing = { "string_thing": "x", "i32_thing": 3 }, 3: i32 i32_thing }

struct AllTypes {
  1: required bool b = false,
  2: i8 i8v = -128,
  3: i16 i16v = -32768,
  4: i32 i32v = Numberz.SIX,
  5: i64 i64v = -9223372036854775808,
  6: double dv = -0.0,
  7: string sv = "s\t",
  8: binary bin = "\\x",
  9: Chain chained = 1,
  10: optional PointAlias point,
  11: list<list<i32>> nested = [[1], [], [2, 3]],
  12: map<string, map<string, Xtruct>> mm,
  13: set<Numberz> enums = [Numberz.ONE],
  14: map<i64, Bonk> byId = { 1: { "message": "m" } },
  15: common.Email email (pseudo = "email"),
  16: optional DeepContainer deep,
}

struct RecTree { 1: list<RecTree> children, 2: i16 item }
struct CoRec { 1: CoRec2 other }
struct CoRec2 { 1: CoRec other }

struct VersioningV1 { 1: i32 begin_in_both, 3: string old_string, 12: i32 end_in_both }
struct VersioningV2 { 1: i32 begin_in_both, 2: i32 newint, 4: list<i32> newlist, 12: i32 end_in_both }

struct LargeDeltas { 1: Bonk b1, 10: Bonk b10, 100: Bonk b100, 500: bool check_true, 1000: Bonk b1000, 2000: list<string> a_list, 3000: set<string> a_set, 4000: map<string, i32> a_map }

union Everything { 1: i32 num, 2: string str, 3: Xtruct xt, 4: list<Everything> more }

exception Xception { 1: i32 errorCode, 2: string message } (api.http_code = "418")
exception Xception2 { 1: i32 errorCode, 2: Xtruct struct_thing }

service ThriftTest extends common.BaseService {
  void testVoid(),
  string testString(1: string thing) (api.get = "/string/:thing"),
  bool testBool(1: bool thing),
  byte testByte(1: byte thing),
  i32 testI32(1: i32 thing),
  i64 testI64(1: i64 thing),
  double testDouble(1: double thing),
  binary testBinary(1: binary thing),
  Xtruct testStruct(1: Xtruct thing) (api.post = "/struct", api.body = "thing"),
  Xtruct2 testNest(1: Xtruct2 thing),
  map<i32, i32> testMap(1: map<i32, i32> thing),
  map<string, string> testStringMap(1: map<string, string> thing),
  set<i32> testSet(1: set<i32> thing),
  list<i32> testList(1: list<i32> thing),
  Numberz testEnum(1: Numberz thing),
  MyInteger testTypedef(1: MyInteger thing),
  map<i32, map<i32, i32>> testMapMap(1: i32 hello),
  map<i64, map<Numberz, Everything>> testInsanity(1: Everything argument),
  Xtruct testMulti(1: byte arg0, 2: i32 arg1, 3: i64 arg2, 4: map<i16, string> arg3, 5: Numberz arg4, 6: MyInteger arg5),
  void testException(1: string arg) throws (1: Xception err1),
  Xtruct testMultiException(1: string arg0, 2: string arg1) throws (1: Xception err1, 2: Xception2 err2, 3: common.NotFound nf),
  oneway void testOneway(1: i32 secondsToSleep)
} (api.prefix = "/v1")

service SecondService { string secondtestString(1: string thing) }
