// Includes: relative to the including file, then -I; prefixed names for included types, enums,
// constants and services.
include "inc/common.thrift"
include "shared.thrift"
cpp_include "<vector>"

struct UsesIncluded {
  1: common.Point where,
  2: common.Color color = common.Color.BLUE,
  3: common.Email email,
  4: shared.Shared shared,
  5: i32 answer = common.ANSWER,
  6: list<common.Point> path,
  7: map<common.Color, common.Point> byColor,
}

const common.Point ORIGIN = { "x": 0, "y": 0 }
const i32 FROM_INCLUDE = common.ANSWER
const common.Color ALSO_RED = common.Color.RED

service Derived extends common.BaseService {
  common.Point locate(1: common.Email who) throws (1: common.NotFound nf)
}
