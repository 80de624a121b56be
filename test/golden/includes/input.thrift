// Cross-file references: types, enums, typedefs, consts, exceptions and `extends` through an include.
include "shared.thrift"

const shared.Level TOP = shared.Level.HIGH
typedef shared.MetaAlias LocalMeta

struct Doc {
  1: required string title,
  2: shared.Meta meta,
  3: LocalMeta aliased,
  4: map<shared.Level, list<shared.Stamp>> history,
  5: shared.Level level = shared.Level.HIGH,
}

service Docs extends shared.Base {
  Doc fetch(1: string title) throws (1: shared.Denied denied)
}
