// Every construct codegen handles, in one file: base types, nested containers, requiredness,
// defaults of every kind, enums, consts, typedefs, unions, exceptions and a service.
namespace js sluice.golden

/** Status of a thing; values are implicit after GREEN. */
enum Status {
  UNKNOWN,
  ACTIVE = 5,
  /** Follows ACTIVE. */
  PAUSED,
  GONE = -3,
  AFTER_GONE,
}

typedef i64 Id
typedef Id UserId
typedef list<string> Names

const i32 ANSWER = 42
const i64 BIG = 9223372036854775807
const i64 SMALL = -9223372036854775808
const double PI = 3.14159
const double NEG_ZERO = -0.0
const string GREETING = "hé \"quoted\" ✓"
const binary MAGIC = "TH"
const bool YES = true
const Status DEFAULT_STATUS = Status.PAUSED
const list<i16> PRIMES = [2, 3, 5, 7]
const set<string> TAGS = ["a", "b"]
const map<string, Status> BY_NAME = {"on": Status.ACTIVE, "off": Status.GONE}
const map<i32, list<string>> NESTED = {1: ["x"], 2: []}

/** A point in the plane. */
struct Point {
  1: required double x,
  2: required double y,
}

/** Every base type, each in each requiredness. */
struct Primitives {
  1: bool b,
  2: i8 i8v,
  3: i16 i16v,
  4: i32 i32v,
  5: i64 i64v,
  6: double d,
  7: string s,
  8: binary bin,
  9: required bool rb,
  10: required i64 ri64,
  11: optional string os,
  12: optional binary obin,
}

/** Containers, nested and of structs and enums. */
struct Containers {
  1: list<i32> ints,
  2: set<string> strs,
  3: map<string, i64> counts,
  4: list<list<i8>> grid,
  5: map<i32, set<Status>> statusSets,
  6: list<Point> points,
  7: map<Status, Point> byStatus,
  8: list<map<string, list<bool>>> deep,
  9: set<i64> ids,
  10: map<binary, double> weights,
  11: Names names,
  12: list<UserId> users,
}

/** Defaults apply on decode whatever the requiredness (contract §5). */
struct Defaults {
  1: i32 n = 7,
  2: optional string s = "dflt",
  3: required Status st = Status.ACTIVE,
  4: list<i32> li = [1, 2],
  5: map<string, i32> m = {"k": 1},
  6: Point p = {"x": 1.5, "y": -2},
  7: i64 big = 9007199254740993,
  8: double d = 2,
  9: bool flag = true,
  10: binary raw = "raw",
  11: set<Status> sts = [Status.GONE],
}

/** A union: exactly one member is set. */
union Shape {
  1: double circle,
  2: Point square,
  3: list<Point> polygon,
}

/** Raised when a thing is missing. */
exception NotFound {
  1: string message,
  2: Id id,
}

exception Invalid {
  1: required i32 code,
  2: optional string reason,
}

const Point ORIGIN = {"x": 0, "y": 0}
const Shape UNIT = {"circle": 1.0}

struct Envelope {
  1: required UserId owner,
  2: optional Shape shape,
  3: Status status = Status.UNKNOWN,
  4: Primitives prims,
  5: Containers cont,
  6: Defaults defs,
}

/** Things, by id. */
service Things {
  /** Looks one up. */
  Envelope get(1: Id id) throws (1: NotFound notFound, 2: Invalid invalid)
  Id put(1: Envelope e, 2: bool overwrite)
  void clear()
  oneway void ping(1: string source)
  list<Shape> shapes(1: map<string, Status> filter, 2: set<i64> ids)
}

service MoreThings extends Things {
  i32 count()
}
