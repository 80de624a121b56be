// The walker trusts nothing on the wire: a field is walked with the plan only when its wire type equals the plan
// type's; anything else (unknown ids, mismatched types) is copied like any field without a policy.
#include "engine/thrift_listener_pseudo.h"

#include "engine/thrift_listener_copy.h"
#include "sluice/pseudo.h"
#include "thrift/reader.h"
#include "thrift/writer.h"
#include "transcode/plan.h"
#include "transcode/value_path.h"

namespace sluice::thriftin {
namespace {

using transcode::Kind;

template <class R, class W>
class Walker {
 public:
  Walker(const ListenerFunction& fn, bool reverse, R& r, W& w, bool sameProtocol, transcode::PseudoCounts* counts,
         std::string* field)
      : fn_(fn), plan_(*fn.plan), reverse_(reverse), r_(r), w_(w), same_(sameProtocol), counts_(counts), field_(field) {}

  Walk structAt(uint32_t si, int depth) {
    if (depth > thrift::kMaxDepth || si >= plan_.structs.size()) { return Walk::Malformed; }
    const transcode::StructDesc& sd = plan_.structs[si];
    r_.structBegin();
    w_.structBegin();
    for (;;) {
      int16_t id = 0;
      uint8_t t = r_.fieldBegin(id);
      if (r_.failed()) { return Walk::Malformed; }
      if (t == thrift::ttype::Stop) { break; }
      if (t == thrift::ttype::Bool) {
        bool v = R::kCompact ? r_.boolField() : r_.boolValue();
        w_.boolField(id, v);
        continue;
      }
      w_.fieldHeader(t, id);
      int fi = sd.findById(id);
      if (fi >= 0 && walks(sd.fields[static_cast<size_t>(fi)].type, t)) {
        Walk x = value(sd.fields[static_cast<size_t>(fi)].type, t, depth + 1);
        if (x == Walk::Rejected) {
          // A reply's field 0 is the function's result, named `return` as in config rules (§7).
          prependPath(depth == 1 && reverse_ && id == 0 ? std::string("return") : sd.fields[static_cast<size_t>(fi)].name);
        }
        if (x != Walk::Ok) { return x; }
      } else if (!copy(t, depth + 1)) {
        return Walk::Malformed;
      }
    }
    r_.structEnd();
    w_.structEnd();
    return r_.failed() ? Walk::Malformed : Walk::Ok;
  }

 private:
  /// Whether plan type `type` must be walked for a value that arrived with wire type `wire`.
  bool walks(uint32_t type, uint8_t wire) const {
    return type < plan_.types.size() && fn_.hot[type] != 0 && plan_.types[type].wire == wire;
  }

  /// Copies one value: raw bytes when both sides speak the same protocol (lazy), else re-encoded.
  bool copy(uint8_t t, int depth) {
    if (same_) {
      const uint8_t* from = r_.cursor();
      if (!thrift::skip(r_, t, depth)) { return false; }
      w_.out().append(reinterpret_cast<const char*>(from), static_cast<size_t>(r_.cursor() - from));
      return true;
    }
    return copyValue(r_, w_, t, depth);
  }

  Walk value(uint32_t type, uint8_t t, int depth) {
    if (depth > thrift::kMaxDepth) { return Walk::Malformed; }
    const transcode::TypeDesc& td = plan_.types[type];
    switch (td.kind) {
      case Kind::String: {
        std::string_view v = r_.bytes();
        if (r_.failed()) { return Walk::Malformed; }
        if (td.policy == 0) {
          w_.bytes(v.data(), v.size());
          return Walk::Ok;
        }
        const pseudo::Policy* p = policy(td.policy);
        if (p == nullptr) { return rejected(); }
        pseudo::FieldResult fr = reverse_ ? p->reverse(v, scratch_) : p->forward(v, scratch_);
        if (!settle(td.policy, fr)) { return rejected(); }
        if (fr.status == pseudo::FieldStatus::Transformed) {
          w_.bytes(scratch_.data(), scratch_.size());
        } else {
          w_.bytes(v.data(), v.size());
        }
        return Walk::Ok;
      }
      case Kind::I32:
      case Kind::I64: {
        int64_t v = td.kind == Kind::I32 ? r_.i32() : r_.i64();
        if (r_.failed()) { return Walk::Malformed; }
        if (td.policy != 0) {
          const pseudo::Policy* p = policy(td.policy);
          if (p == nullptr) { return rejected(); }
          pseudo::IntWidth width = td.kind == Kind::I32 ? pseudo::IntWidth::I32 : pseudo::IntWidth::I64;
          int64_t out = 0;
          pseudo::FieldResult fr = reverse_ ? p->reverseInt(v, width, out) : p->forwardInt(v, width, out);
          if (!settle(td.policy, fr)) { return rejected(); }
          if (fr.status == pseudo::FieldStatus::Transformed) { v = out; }
        }
        if (td.kind == Kind::I32) {
          w_.i32(static_cast<int32_t>(v));
        } else {
          w_.i64(v);
        }
        return Walk::Ok;
      }
      case Kind::Struct: return structAt(td.a, depth);
      case Kind::List:
      case Kind::Set: {
        uint8_t et = 0;
        uint32_t n = r_.listBegin(et);
        if (r_.failed() || n > r_.remaining()) { return Walk::Malformed; }
        w_.listBegin(et, n);
        bool walk = walks(td.a, et);
        for (uint32_t i = 0; i < n; i++) {
          if (walk) {
            Walk x = value(td.a, et, depth + 1);
            if (x == Walk::Rejected) { prependPath("[" + std::to_string(i) + "]"); }
            if (x != Walk::Ok) { return x; }
          } else if (!copy(et, depth + 1)) {
            return Walk::Malformed;
          }
        }
        return Walk::Ok;
      }
      case Kind::Map: {
        uint8_t kt = 0, vt = 0;
        uint32_t n = r_.mapBegin(kt, vt);
        if (r_.failed() || n > r_.remaining()) { return Walk::Malformed; }
        w_.mapBegin(kt, vt, n);
        bool walkKey = walks(td.a, kt), walkValue = walks(td.b, vt);
        for (uint32_t i = 0; i < n; i++) {
          const uint8_t* keyAt = r_.cursor();
          Walk x = walkKey ? value(td.a, kt, depth + 1) : copy(kt, depth + 1) ? Walk::Ok : Walk::Malformed;
          if (x == Walk::Rejected) { prependPath("{key}"); }  // the key itself is the value that failed
          if (x != Walk::Ok) { return x; }
          const uint8_t* keyEnd = r_.cursor();
          x = walkValue ? value(td.b, vt, depth + 1) : copy(vt, depth + 1) ? Walk::Ok : Walk::Malformed;
          if (x == Walk::Rejected) { prependPath(walkKey ? std::string("{value}") : keyText(td.a, kt, keyAt, keyEnd)); }
          if (x != Walk::Ok) { return x; }
        }
        return Walk::Ok;
      }
      default: return copy(t, depth) ? Walk::Ok : Walk::Malformed;
    }
  }

  const pseudo::Policy* policy(uint32_t slot) const {
    size_t i = slot - 1;
    return i < fn_.policies.byPlanIndex.size() ? fn_.policies.byPlanIndex[i].get() : nullptr;
  }

  /// Counts the outcome; false when the policy fails closed.
  bool settle(uint32_t slot, const pseudo::FieldResult& fr) {
    if (counts_ != nullptr) { ++counts_[slot - 1].n[static_cast<size_t>(fr.status)]; }
    return fr.status != pseudo::FieldStatus::Rejected;
  }

  Walk rejected() {
    if (field_ != nullptr) { field_->clear(); }  // the path is built as the failure unwinds, at no cost on success
    return Walk::Rejected;
  }

  // Called by each enclosing level as a failure unwinds: "phone" → "[1].phone" → "people[1].phone".
  void prependPath(std::string seg) {
    if (field_ != nullptr) { transcode::prependPathSegment(*field_, std::move(seg)); }
  }

  // A map key as a path segment (`attrs.color`, `scores.7`), re-read from its wire bytes; a key that carries a
  // policy or does not print plainly is never shown (`{value}` names the side instead).
  std::string keyText(uint32_t keyType, uint8_t wire, const uint8_t* at, const uint8_t* end) const {
    const transcode::TypeDesc& td = plan_.types[keyType];
    if (td.wire != wire || td.policy != 0) { return "{value}"; }
    R kr(at, static_cast<size_t>(end - at));
    switch (td.kind) {
      case Kind::String: {
        std::string_view v = kr.bytes();
        if (kr.failed() || v.empty() || v.size() > 64) { return "{value}"; }
        for (char c : v) {
          if (c < 0x21 || c > 0x7e) { return "{value}"; }
        }
        return std::string(v);
      }
      case Kind::I8: return std::to_string(kr.i8());
      case Kind::I16: return std::to_string(kr.i16());
      case Kind::I32:
      case Kind::Enum: return std::to_string(kr.i32());
      case Kind::I64: return std::to_string(kr.i64());
      default: return "{value}";
    }
  }

  const ListenerFunction& fn_;
  const transcode::Plan& plan_;
  bool reverse_;
  R& r_;
  W& w_;
  bool same_;
  transcode::PseudoCounts* counts_;  // Not owned; may be null.
  std::string* field_;               // Not owned; may be null. Receives the failed value's path.
  std::string scratch_;              // a policy's output for the value being written
};

template <class R, class W>
Walk run(const ListenerFunction& fn, uint32_t si, bool reverse, const uint8_t* body, size_t len, bool same, std::string& out,
         transcode::PseudoCounts* counts, std::string* field) {
  R r(body, len);
  W w(out);
  Walker<R, W> walker(fn, reverse, r, w, same, counts, field);
  Walk x = walker.structAt(si, 1);
  if (x == Walk::Ok && r.remaining() != 0) { return Walk::Malformed; }
  return x;
}

}  // namespace

std::vector<uint8_t> policyReach(const transcode::Plan& plan) {
  // Fixed point over the type graph (recursive types included): a type is hot when it carries a policy or
  // contains a hot type. Plans are small; a few passes settle it.
  std::vector<uint8_t> hot(plan.types.size(), 0);
  for (size_t i = 0; i < plan.types.size(); i++) { hot[i] = plan.types[i].policy != 0; }
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < plan.types.size(); i++) {
      if (hot[i]) { continue; }
      const transcode::TypeDesc& td = plan.types[i];
      bool h = false;
      switch (td.kind) {
        case Kind::List:
        case Kind::Set: h = td.a < hot.size() && hot[td.a]; break;
        case Kind::Map: h = (td.a < hot.size() && hot[td.a]) || (td.b < hot.size() && hot[td.b]); break;
        case Kind::Struct:
          if (td.a < plan.structs.size()) {
            for (const transcode::FieldDesc& f : plan.structs[td.a].fields) { h = h || (f.type < hot.size() && hot[f.type]); }
          }
          break;
        default: break;
      }
      if (h) {
        hot[i] = 1;
        changed = true;
      }
    }
  }
  return hot;
}

Walk walkStruct(const ListenerFunction& fn, uint32_t structIndex, bool reverse, thrift::Protocol inProtocol,
                const uint8_t* body, size_t len, thrift::Protocol outProtocol, std::string& out,
                transcode::PseudoCounts* counts, std::string* field) {
  size_t start = out.size();
  bool same = inProtocol == outProtocol;
  Walk x;
  if (inProtocol == thrift::Protocol::Binary) {
    x = outProtocol == thrift::Protocol::Binary
            ? run<thrift::BinaryReader, thrift::BinaryWriter>(fn, structIndex, reverse, body, len, same, out, counts, field)
            : run<thrift::BinaryReader, thrift::CompactWriter>(fn, structIndex, reverse, body, len, same, out, counts, field);
  } else {
    x = outProtocol == thrift::Protocol::Binary
            ? run<thrift::CompactReader, thrift::BinaryWriter>(fn, structIndex, reverse, body, len, same, out, counts, field)
            : run<thrift::CompactReader, thrift::CompactWriter>(fn, structIndex, reverse, body, len, same, out, counts, field);
  }
  if (x != Walk::Ok) { out.resize(start); }
  return x;
}

}  // namespace sluice::thriftin
