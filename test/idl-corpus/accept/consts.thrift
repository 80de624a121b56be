// Constant values of every type with 0.17's coercions.
enum Level { LOW = 1, HIGH = 2 }
struct Inner { 1: string s, 2: optional list<i32> l }
struct Outer { 1: Inner inner, 2: map<string, Level> levels, 3: double d, 4: bool flag }
union Choice { 1: i32 n, 2: string s }

const bool T1 = true
const bool F1 = false
const bool T2 = 1
const bool F2 = 0
const i8 I8MIN = -128
const i16 I16MAX = 32767
const i32 I32MIN = -2147483648
const i64 I64MAX = 9223372036854775807
const i64 I64MIN = -9223372036854775808
const i64 BEYOND_2_53 = 9007199254740993
const i64 NEG_HEX = -0x10
const i64 HEX = 0x7FFFFFFFFFFFFFFF
const i32 PLUS = +5
const double DOT_FIVE = .5
const double FROM_INT = 3
const double NEG_FROM_INT = -7
const double EXP = 1e10
const double NEG_EXP = -2.5E-3
const double PI = 3.141592653589793
const double TINY = 5e-324
// 0.17's double pattern also matches a lone sign, read as 0.
const double LONE_SIGN = -
const string ESCAPES = "tab\tnl\ncr\rquote\"apos\'backslash\\"
const string SINGLE = 'single "quoted"'
const string UTF8 = "héllo ✓ 🎉"
const binary BIN = "raw"
const list<i32> NO_SEPARATORS = [1 2 3]
const list<i32> SEMICOLONS = [1; 2; 3;]
const list<string> EMPTY_LIST = []
const set<i32> SET_FROM_LIST = [3, 1, 2]
const set<i32> SET_FROM_BRACES = {}
const map<i32, string> MAP_NO_SEP = {1: "a" 2: "b"}
const map<string, i32> MAP_SEMI = {"a": 1; "b": 2}
const map<string, list<i64>> NESTED = {"big": [9223372036854775807, -1], "none": []}
const Level LEVEL = Level.HIGH
const Level LEVEL_BY_NUMBER = 1
const i32 LEVEL_AS_INT = Level.LOW
const i32 REF = I16MAX
const double REF_AS_DOUBLE = I16MAX
const Inner INNER = {"s": "x", "l": [1, 2]}
const Outer OUTER = {"inner": {"s": "deep"}, "levels": {"a": Level.LOW}, "d": 1, "flag": 1}
const Choice CHOICE = {"s": "picked"}
const list<Inner> INNERS = [{"s": "a"}, {"s": "b", "l": []}]
