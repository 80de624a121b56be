// loadPlan: parses the blob src/plan writes (layout in docs/design/transcoder.md) and checks every reference.
#include <algorithm>
#include <cstring>

#include "thrift/writer.h"
#include "transcode/encode.h"
#include "transcode/json.h"
#include "transcode/blob_reader.h"
#include "transcode/plan.h"

namespace sluice::transcode {

const std::string* EnumDesc::nameOf(int32_t v) const {
  for (const auto& m : members) {
    if (m.first == v) {
      return &m.second;
    }
  }
  return nullptr;
}

bool EnumDesc::valueOf(std::string_view name, int32_t& v) const {
  for (const auto& m : members) {
    if (m.second == name) {
      v = m.first;
      return true;
    }
  }
  return false;
}

int StructDesc::findById(int16_t id) const {
  if (id >= 0 && static_cast<size_t>(id) < byId.size()) {
    return byId[static_cast<size_t>(id)];
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].id == id) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

int StructDesc::findByKey(std::string_view key) const {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].jsonKey.size() == key.size() && std::memcmp(fields[i].jsonKey.data(), key.data(), key.size()) == 0) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

namespace {

uint8_t wireOf(Kind k) {
  switch (k) {
    case Kind::Bool: return thrift::ttype::Bool;
    case Kind::I8: return thrift::ttype::I8;
    case Kind::I16: return thrift::ttype::I16;
    case Kind::I32:
    case Kind::Enum: return thrift::ttype::I32;
    case Kind::I64: return thrift::ttype::I64;
    case Kind::Double: return thrift::ttype::Double;
    case Kind::String:
    case Kind::Binary: return thrift::ttype::String;
    case Kind::Uuid: return thrift::ttype::Uuid;
    case Kind::List: return thrift::ttype::List;
    case Kind::Set: return thrift::ttype::Set;
    case Kind::Map: return thrift::ttype::Map;
    case Kind::Struct: return thrift::ttype::Struct;
  }
  return 0;
}

bool checkRefs(const Plan& plan) {
  const size_t nt = plan.types.size(), ne = plan.enums.size(), ns = plan.structs.size();
  for (const auto& t : plan.types) {
    if (t.policy > plan.policyNames.size()) return false;
    if (t.policy != 0 && t.kind != Kind::String && t.kind != Kind::I32 && t.kind != Kind::I64) return false;
    switch (t.kind) {
      case Kind::List:
      case Kind::Set:
        if (t.a >= nt) return false;
        break;
      case Kind::Map:
        if (t.a >= nt || t.b >= nt) return false;
        break;
      case Kind::Enum:
        if (t.a >= ne) return false;
        break;
      case Kind::Struct:
        if (t.a >= ns) return false;
        break;
      default:
        break;
    }
  }
  for (const auto& s : plan.structs) {
    for (const auto& f : s.fields) {
      if (f.type >= nt) return false;
    }
  }
  if (plan.rootType != UINT32_MAX && plan.rootType >= nt) return false;
  if (plan.hasFunction) {
    const auto& fn = plan.function;
    if (fn.argsStruct >= ns || fn.requestStruct >= ns || fn.resultStruct >= ns) return false;
    for (const auto& b : fn.bindings) {
      if (b.field >= plan.structs[fn.requestStruct].fields.size()) return false;
    }
  }
  return true;
}

}  // namespace

PlanConstSharedPtr loadPlan(const uint8_t* blob, size_t len, LoadStatus& status) {
  if (len < 8 || std::memcmp(blob, "SLPL", 4) != 0) {
    status = LoadStatus::BadMagic;
    return nullptr;
  }
  if (blob[4] != 2) {
    status = LoadStatus::BadVersion;
    return nullptr;
  }
  auto plan = std::make_shared<Plan>();
  if (blob[5] > 1 || blob[6] > 2) {
    status = LoadStatus::BadReference;
    return nullptr;
  }
  plan->protocol = static_cast<thrift::Protocol>(blob[5]);
  plan->transport = static_cast<thrift::Transport>(blob[6]);
  plan->flags = blob[7];
  BlobReader r(blob + 8, len - 8);

  uint32_t np = r.count(4);
  plan->policyNames.resize(np);
  for (auto& n : plan->policyNames) n = r.str();
  uint32_t nt = r.count(13);
  plan->types.resize(nt);
  for (auto& t : plan->types) {
    uint8_t k = r.u8();
    if (k < 1 || k > 14) {
      status = LoadStatus::BadReference;
      return nullptr;
    }
    t.kind = static_cast<Kind>(k);
    t.wire = wireOf(t.kind);
    t.a = r.u32();
    t.b = r.u32();
    t.policy = r.u32();
  }
  uint32_t ne = r.count(8);
  plan->enums.resize(ne);
  for (auto& e : plan->enums) {
    e.qname = r.str();
    uint32_t nm = r.count(8);
    e.members.resize(nm);
    for (auto& m : e.members) {
      m.first = static_cast<int32_t>(r.u32());
      m.second = r.str();
    }
  }
  uint32_t ns = r.count(11);
  plan->structs.resize(ns);
  for (auto& s : plan->structs) {
    s.qname = r.str();
    uint8_t kind = r.u8();
    if (kind > 2) {
      status = LoadStatus::BadReference;
      return nullptr;
    }
    s.kind = static_cast<StructKind>(kind);
    s.httpCode = r.u16();
    uint32_t nf = r.count(25);
    s.fields.resize(nf);
    for (auto& f : s.fields) {
      f.id = static_cast<int16_t>(r.u16());
      f.requiredness = r.u8();
      f.flags = r.u8();
      f.type = r.u32();
      f.name = r.str();
      f.jsonKey = r.str();
      f.headerName = r.str();
      f.hasDefault = r.u8() != 0;
      f.defaultJson = r.str();
      json::writeString(f.keyJson, f.jsonKey.data(), f.jsonKey.size());
      f.keyJson.push_back(':');
      if (f.id >= 0 && f.id < 256) {
        if (s.byId.size() <= static_cast<size_t>(f.id)) {
          s.byId.resize(static_cast<size_t>(f.id) + 1, -1);
        }
        s.byId[static_cast<size_t>(f.id)] = static_cast<int16_t>(&f - s.fields.data());
      }
    }
  }
  plan->rootType = r.u32();
  plan->hasFunction = r.u8() != 0;
  if (plan->hasFunction) {
    auto& fn = plan->function;
    fn.messageName = r.str();
    fn.oneway = r.u8() != 0;
    uint8_t shape = r.u8();
    fn.shape = shape == 1 ? RequestShape::Args : RequestShape::Struct;
    fn.argsStruct = r.u32();
    fn.requestStruct = r.u32();
    fn.requestArgId = static_cast<int16_t>(r.u16());
    fn.resultStruct = r.u32();
    fn.returnsVoid = r.u8() != 0;
    uint32_t nb = r.count(5);
    fn.bindings.resize(nb);
    for (auto& b : fn.bindings) {
      b.field = r.u32();
      uint8_t n = r.u8();
      b.sources.resize(n);
      for (auto& src : b.sources) {
        uint8_t k = r.u8();
        if (k > 6) {
          status = LoadStatus::BadReference;
          return nullptr;
        }
        src.kind = static_cast<SourceKind>(k);
        src.name = r.str();
        if (src.kind == SourceKind::Body) {
          fn.readsBody = true;
        }
      }
    }
  }
  if (r.bad() || !r.atEnd()) {
    status = LoadStatus::Truncated;
    return nullptr;
  }
  if (!checkRefs(*plan)) {
    status = LoadStatus::BadReference;
    return nullptr;
  }
  for (auto& s : plan->structs) {
    s.writeOrder.resize(s.fields.size());
    for (size_t i = 0; i < s.fields.size(); ++i) s.writeOrder[i] = static_cast<uint16_t>(i);
    std::stable_sort(s.writeOrder.begin(), s.writeOrder.end(),
                     [&s](uint16_t x, uint16_t y) { return s.fields[x].id < s.fields[y].id; });
  }
  if (plan->hasFunction) {
    auto& fn = plan->function;
    fn.bindingOf.assign(plan->structs[fn.requestStruct].fields.size(), -1);
    for (size_t i = 0; i < fn.bindings.size(); ++i) {
      fn.bindingOf[fn.bindings[i].field] = static_cast<int32_t>(i);
    }
  }
  // Pre-encode defaults in both protocols. Order matters only for speed: a default whose nested defaults are
  // not cached yet is encoded from their JSON text.
  for (auto& s : plan->structs) {
    for (auto& f : s.fields) {
      if (!f.hasDefault) {
        continue;
      }
      for (int p = 0; p < 2; ++p) {
        TranscodeError err;
        std::string bytes;
        if (!encodeJsonValue(*plan, static_cast<thrift::Protocol>(p), f.type, f.defaultJson, bytes, err)) {
          status = LoadStatus::BadDefault;
          return nullptr;
        }
        f.defaultBytes[p] = std::move(bytes);
        f.defaultReady[p] = true;
      }
      if (plan->types[f.type].kind == Kind::Bool) {
        f.defaultBool = !f.defaultBytes[0].empty() && f.defaultBytes[0][0] != 0;
      }
    }
  }
  for (auto& s : plan->structs) {
    for (auto& f : s.fields) {
      if (f.hasDefault && !decodeDefault(*plan, f, f.defaultOut)) {
        status = LoadStatus::BadDefault;
        return nullptr;
      }
      f.defaultOutReady = f.hasDefault;
    }
  }
  status = LoadStatus::Ok;
  return plan;
}

}  // namespace sluice::transcode
