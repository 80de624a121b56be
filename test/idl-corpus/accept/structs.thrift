// Fields: explicit and implicit ids, requiredness, defaults, xsd_* and cpp_type modifiers, references,
// annotations on fields and types, doc comments.
/**
 * A documented struct.
 */
struct Fields {
  /** The id. */
  1: required i64 id,
  2: optional string name = "anon",
  3: i32 plain = 7;
  i32 implicitOne,
  i32 implicitTwo = -1,
  6: list<string> tags = ["a", "b"]
  7: map<string, i32> counts = {"a": 1}
  8: set<i16> small = [1, 2]
  9: bool flag = true
  10: double ratio = 0.25
  11: binary data
  12: string xsd xsd_optional xsd_nillable,
  13: map cpp_type "std::unordered_map<int,int>" <i32, i32> cppMap,
  14: list<i32> cpp_type "std::deque<int>" cppList,
  15: set cpp_type "std::unordered_set<int>" <i32> cppSet,
  16: Fields & selfRef,
  17: string (python.immutable = "") annotatedType,
  18: string annotated (api.query = "q", pseudo = "email", api.query = "q2", flag),
  32767: i8 maxId,
  19: string view,
  20: string defined,
  21: i32 uuid,
  22: optional set<binary> blobs = {},
  23: map<string, string> emptyMap = {},
  24: list<binary> blobList = ["a", 'b'],
} (struct.level = "1")

struct XsdAll xsd_all { 1: i32 a }

struct Recursive { 1: list<Recursive> children, 2: optional CoRec other }
struct CoRec { 1: optional Recursive back }

struct Empty {}
