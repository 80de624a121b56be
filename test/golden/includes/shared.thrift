// Included by input.thrift: types, a typedef chain and a base service used across files.
namespace js sluice.shared

enum Level { LOW = 1, HIGH = 2 }
typedef i64 Stamp
struct Meta {
  1: required Stamp created,
  2: Level level = Level.LOW,
}
exception Denied { 1: string message }
typedef Meta MetaAlias
service Base {
  Meta meta(1: Stamp at) throws (1: Denied denied)
}
