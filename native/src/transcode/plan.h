// The in-memory form of a compiled plan (docs/design/transcoder.md): type, enum and struct descriptors plus the
// route's function (bindings, args/result structs). Built once by loadPlan and immutable afterwards.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/transcode.h"

namespace sluice::transcode {

/** Value kinds; numbering is part of the blob format. */
enum class Kind : uint8_t {
  Bool = 1, I8 = 2, I16 = 3, I32 = 4, I64 = 5, Double = 6, String = 7, Binary = 8, Uuid = 9,
  Enum = 10, List = 11, Set = 12, Map = 13, Struct = 14,
};

struct TypeDesc {
  Kind kind = Kind::Bool;
  /** Binary-protocol wire type id of this kind. */
  uint8_t wire = 0;
  /** list/set: element type; map: key type; enum: enum index; struct: struct index. */
  uint32_t a = 0;
  /** map: value type. */
  uint32_t b = 0;
  /** Pseudonymization slot (contract §7): 0 = none, else 1 + index into Plan::policyNames. Only string, i32 and
   * i64 types carry one (the plan compiler checks the method fits). */
  uint32_t policy = 0;
};

struct EnumDesc {
  std::string qname;
  std::vector<std::pair<int32_t, std::string>> members;
  /** Name for a value, or nullptr when the value is not a member (unknown values keep their number). */
  const std::string* nameOf(int32_t v) const;
  /** Member value by name; false when no member has that name. */
  bool valueOf(std::string_view name, int32_t& v) const;
};

enum FieldFlag : uint8_t { kJsConv = 1, kNone = 2, kHeader = 4, kHttpCode = 8 };
enum Requiredness : uint8_t { kDefault = 0, kRequired = 1, kOptional = 2 };

struct FieldDesc {
  int16_t id = 0;
  uint8_t requiredness = kDefault;
  uint8_t flags = 0;
  uint32_t type = 0;
  std::string name;
  /** The JSON key (`api.body` rename, else the field name). */
  std::string jsonKey;
  /** `"jsonKey":` as JSON text, rendered once at load for the decoder. */
  std::string keyJson;
  /** Response header name for `api.header` fields. */
  std::string headerName;
  /** IDL default as JSON text (§5 rules), empty when the field has none. */
  std::string defaultJson;
  bool hasDefault = false;
  /** The default pre-encoded per protocol (value bytes only, no field header); bool defaults use defaultBool. */
  std::string defaultBytes[2];
  bool defaultBool = false;
  /** Set once defaultBytes[p] is filled (during loadPlan); until then the default is encoded from its JSON. */
  bool defaultReady[2] = {false, false};
  /** The default as output JSON (what decoding it yields under the plan's options), for fields absent on the
   * wire; filled during loadPlan. */
  std::string defaultOut;
  bool defaultOutReady = false;
};

enum class StructKind : uint8_t { Struct = 0, Union = 1, Exception = 2 };

struct StructDesc {
  std::string qname;
  StructKind kind = StructKind::Struct;
  /** Exception type's `api.http_code` annotation, 0 when absent. */
  uint16_t httpCode = 0;
  /** Declaration order: JSON output order. */
  std::vector<FieldDesc> fields;
  /** Field indexes by ascending id: Thrift write order (as Apache's generated writers and src/json write). */
  std::vector<uint16_t> writeOrder;
  /** Index of the field by id for ids 0..255 (-1 = none); larger ids fall back to a scan. */
  std::vector<int16_t> byId;
  int findById(int16_t id) const;
  int findByKey(std::string_view key) const;
};

/** Binding source kinds; numbering is part of the blob format. */
enum class SourceKind : uint8_t { Path = 0, Query = 1, Header = 2, Cookie = 3, Body = 4, RawBody = 5, RawUri = 6 };

struct Source {
  SourceKind kind = SourceKind::Body;
  std::string name;
};

struct Binding {
  /** Index into the request struct's fields. */
  uint32_t field = 0;
  std::vector<Source> sources;
};

enum class RequestShape : uint8_t { Struct = 0, Args = 1 };

struct FunctionDesc {
  /** Thrift message name (`Service:fn` when multiplexed). */
  std::string messageName;
  bool oneway = false;
  RequestShape shape = RequestShape::Struct;
  /** Synthetic `<fn>_args` struct. */
  uint32_t argsStruct = 0;
  /** Struct whose fields the bindings fill: the single argument's struct (Struct shape) or argsStruct. */
  uint32_t requestStruct = 0;
  /** Struct shape: the argument's field id in argsStruct. */
  int16_t requestArgId = 0;
  std::vector<Binding> bindings;
  /** Synthetic `<fn>_result` struct: field 0 success (absent for void), then the declared exceptions. */
  uint32_t resultStruct = 0;
  bool returnsVoid = true;
  /** For each request-struct field, the index of its binding (-1 = none). */
  std::vector<int32_t> bindingOf;
  /** Whether any binding reads the JSON body. */
  bool readsBody = false;
};

enum PlanFlag : uint8_t { kI64String = 1, kEnumNames = 2, kRejectUnknown = 4 };

class Plan {
 public:
  thrift::Protocol protocol = thrift::Protocol::Binary;
  thrift::Transport transport = thrift::Transport::Framed;
  uint8_t flags = 0;
  /** Policy names the TypeDesc::policy slots refer to, in plan order; the engine resolves them to Policy objects
   * once per snapshot (engine/snapshot.h ThriftTarget::policies). */
  std::vector<std::string> policyNames;
  std::vector<TypeDesc> types;
  std::vector<EnumDesc> enums;
  std::vector<StructDesc> structs;
  bool hasFunction = false;
  FunctionDesc function;
  /** Root type for value-level transcoding; UINT32_MAX when absent. */
  uint32_t rootType = UINT32_MAX;
};

}  // namespace sluice::transcode
