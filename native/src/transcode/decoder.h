// Thrift bytes → JSON text, driven by plan descriptors (contract §5). Templated on the protocol reader.
// Unknown fields and fields whose wire type differs from the plan are skipped (Thrift's versioning rule);
// `api.none` fields are skipped at every level.
#pragma once

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "sluice/pseudo.h"
#include "thrift/reader.h"
#include "transcode/encode.h"
#include "transcode/json.h"
#include "transcode/plan.h"
#include "transcode/scratch.h"
#include "transcode/value_path.h"

namespace sluice::transcode {

/** What the top level of a response struct yields besides its body. */
struct TopCapture {
  /** Collect `api.header` fields into `headers` and the `api.http_code` field into `status`. */
  bool routeFields = false;
  std::vector<std::pair<std::string, std::string>>* headers = nullptr;  // Not owned.
  int64_t status = -1;
  /** Exceptions: the string field named `message`, and the i32 `api.http_code` field (kept in the body). */
  bool exceptionFields = false;
  std::string message;
  bool hasMessage = false;
};

struct DecoderSeg {
  int idx;
  size_t start;  // offset of `"key":value` in the output
  size_t end;
};

/** The decoder's reusable stacks (see ScratchLease). */
struct DecoderScratch {
  std::vector<DecoderSeg> segs;
  std::vector<uint8_t> seen;
  std::string pseudoOut;  // a policy's output for the value being printed
};

template <class R>
class Decoder {
 public:
  /** `plan`, `r`, `out` and `pseudo` (may be null: values stay as on the wire) are not owned and outlive the
   * decoder. */
  Decoder(const Plan& plan, R& r, std::string& out, const PseudoCall* pseudo = nullptr)
      : plan_(plan), r_(r), out_(&out), i64String_((plan.flags & kI64String) != 0),
        enumNames_((plan.flags & kEnumNames) != 0),
        pseudo_(pseudo != nullptr && pseudo->reidentify ? pseudo : nullptr), segs_(lease_.get().segs),
        seen_(lease_.get().seen), pseudoOut_(lease_.get().pseudoOut) {
    segs_.clear();
    seen_.clear();
  }

  /** Set when decoding stopped because a value could not be restored (fail-closed policy): answer 422, not 502. */
  bool pseudoFailed() const { return pseudoFailed_; }
  /** The failure's reason class and the JSON key of the innermost field (never the value). */
  const std::string& pseudoFailure() const { return pseudoFailure_; }
  const std::string& pseudoField() const { return pseudoField_; }

  /** Appends the JSON for one value of plan type `t` whose wire type matched. @return false on bad bytes. */
  bool value(uint32_t t, int depth, bool jsConv) {
    const TypeDesc& td = plan_.types[t];
    switch (td.kind) {
      case Kind::Bool: out_->append(r_.boolValue() ? "true" : "false"); break;
      case Kind::I8: appendInt(r_.i8()); break;
      case Kind::I16: appendInt(r_.i16()); break;
      case Kind::I32: {
        int64_t v = r_.i32();
        if (td.policy != 0 && pseudo_ && !r_.failed() && !reverseInt(td.policy, Kind::I32, v)) return false;
        appendInt(v);
        break;
      }
      case Kind::I64: {
        int64_t v = r_.i64();
        if (td.policy != 0 && pseudo_ && !r_.failed() && !reverseInt(td.policy, Kind::I64, v)) return false;
        if (jsConv || i64String_) {
          out_->push_back('"');
          appendInt(v);
          out_->push_back('"');
        } else {
          appendInt(v);
        }
        break;
      }
      case Kind::Double: appendDouble(r_.dbl()); break;
      case Kind::String: {
        std::string_view s = r_.bytes();
        if (r_.failed()) break;
        if (td.policy != 0 && pseudo_ && !reverseString(td.policy, s)) return false;
        json::writeString(*out_, s.data(), s.size());
        break;
      }
      case Kind::Binary: {
        std::string_view s = r_.bytes();
        if (!r_.failed()) {
          out_->push_back('"');
          json::writeBase64(*out_, reinterpret_cast<const uint8_t*>(s.data()), s.size());
          out_->push_back('"');
        }
        break;
      }
      case Kind::Uuid: {
        const uint8_t* u = r_.uuid();
        if (u) {
          out_->push_back('"');
          appendUuid(u);
          out_->push_back('"');
        }
        break;
      }
      case Kind::Enum: appendEnum(td, r_.i32(), false); break;
      case Kind::List:
      case Kind::Set: return list(td, depth, jsConv);
      case Kind::Map: return map(td, depth, jsConv);
      case Kind::Struct: return structValue(td.a, depth, nullptr);
    }
    return !r_.failed();
  }

  /**
   * Appends a struct as a JSON object; `cap` (may be null) collects top-level response fields. Fields come out
   * in declaration order (src/json's order): values are streamed in wire order and the object is rebuilt only
   * when the wire order differs or defaults must be filled in. Absent fields with an IDL default come out as
   * the default; a required field absent on the wire, or a union without exactly one member, fails.
   */
  bool structValue(uint32_t s, int depth, TopCapture* cap) {
    if (depth > thrift::kMaxDepth) {
      r_.fail();
      return false;
    }
    const StructDesc& sd = plan_.structs[s];
    const size_t n = sd.fields.size();
    const size_t objStart = out_->size();
    out_->push_back('{');
    const size_t segBase = segs_.size();
    const size_t seenBase = seen_.size();
    seen_.resize(seenBase + n, 0);
    bool ordered = true;
    int lastIdx = -1;
    r_.structBegin();
    for (;;) {
      int16_t id = 0;
      uint8_t wt = r_.fieldBegin(id);
      if (r_.failed()) return false;
      if (wt == thrift::ttype::Stop) break;
      int idx = sd.findById(id);
      const FieldDesc* f = idx >= 0 ? &sd.fields[static_cast<size_t>(idx)] : nullptr;
      if (!f || plan_.types[f->type].wire != wt) {
        if (!skipField(wt, depth)) return false;
        continue;
      }
      seen_[seenBase + static_cast<size_t>(idx)] = 1;
      if ((f->flags & kNone) && dropNone_) {
        if (!skipField(wt, depth)) return false;
        continue;
      }
      if (cap && cap->routeFields && (f->flags & (kHeader | kHttpCode))) {
        if (!routeField(*f, wt, cap, depth)) {
          prependPath(f->jsonKey);
          return false;
        }
        continue;
      }
      if (idx <= lastIdx) ordered = false;
      lastIdx = idx;
      if (segs_.size() > segBase) out_->push_back(',');
      const size_t segStart = out_->size();
      out_->append(f->keyJson);
      const size_t valueStart = out_->size();
      if (!fieldValue(*f, depth)) {
        prependPath(f->jsonKey);
        return false;
      }
      if (cap && cap->exceptionFields) captureException(*f, valueStart, cap);
      segs_.push_back({idx, segStart, out_->size()});
    }
    r_.structEnd();
    // Required, union and default rules, then the order.
    size_t present = 0;
    bool needDefaults = false;
    for (size_t i = 0; i < n; ++i) {
      const FieldDesc& f = sd.fields[i];
      if (seen_[seenBase + i]) {
        ++present;
        continue;
      }
      if (f.hasDefault && sd.kind != StructKind::Union && !((f.flags & kNone) && dropNone_) &&
          !(cap && cap->routeFields && (f.flags & (kHeader | kHttpCode)))) {
        needDefaults = true;
      } else if (f.requiredness == kRequired && !f.hasDefault) {
        r_.fail();
        return false;
      }
    }
    if (sd.kind == StructKind::Union && present != 1) {
      r_.fail();
      return false;
    }
    if (ordered && !needDefaults) {
      out_->push_back('}');
      segs_.resize(segBase);
      seen_.resize(seenBase);
      return true;
    }
    std::string rebuilt = "{";
    for (size_t i = 0; i < n; ++i) {
      const FieldDesc& f = sd.fields[i];
      const Seg* last = nullptr;
      for (size_t k = segBase; k < segs_.size(); ++k) {
        if (segs_[k].idx == static_cast<int>(i)) last = &segs_[k];  // a repeated field: the last one wins
      }
      if (last) {
        if (rebuilt.size() > 1) rebuilt.push_back(',');
        rebuilt.append(*out_, last->start, last->end - last->start);
      } else if (!seen_[seenBase + i] && f.hasDefault && sd.kind != StructKind::Union &&
                 !((f.flags & kNone) && dropNone_) &&
                 !(cap && cap->routeFields && (f.flags & (kHeader | kHttpCode)))) {
        if (rebuilt.size() > 1) rebuilt.push_back(',');
        rebuilt.append(f.keyJson);
        if (!appendDefault(f, rebuilt)) {
          r_.fail();
          return false;
        }
      }
    }
    rebuilt.push_back('}');
    out_->resize(objStart);
    out_->append(rebuilt);
    segs_.resize(segBase);
    seen_.resize(seenBase);
    return true;
  }

  /** Appends the JSON for a value of plan type `t`, after checking the wire type (top-level values). */
  bool expect(uint32_t t, uint8_t wire, int depth) {
    if (plan_.types[t].wire != wire) {
      r_.fail();
      return false;
    }
    return value(t, depth, false);
  }

  R& reader() { return r_; }

  /** Route responses: `api.none` fields never leave the gateway (value-level decoding keeps them, as src/json). */
  void dropNoneFields() { dropNone_ = true; }

  /** Decodes a field's pre-encoded default (value bytes) the way a wire value of that field is decoded. */
  bool valueForDefault(const FieldDesc& f) { return value(f.type, 1, (f.flags & kJsConv) != 0); }

 private:
  bool fieldValue(const FieldDesc& f, int depth) {
    const TypeDesc& td = plan_.types[f.type];
    if (td.kind == Kind::Bool) {
      out_->append(r_.boolField() ? "true" : "false");
      return !r_.failed();
    }
    if (td.kind == Kind::String) {
      std::string_view s = r_.bytes();
      if (r_.failed()) return false;
      if (td.policy != 0 && pseudo_ && !reverseString(td.policy, s)) return false;
      lastString_ = s;  // may point into pseudoOut_, which nothing overwrites before captureException reads it
      json::writeString(*out_, s.data(), s.size());
      return true;
    }
    return value(f.type, depth + 1, (f.flags & kJsConv) != 0);
  }

  // The resolved policy of slot `policy`; a missing one leaves the value as it is (nothing is revealed).
  const pseudo::Policy* policyFor(uint32_t policy) const {
    size_t i = policy - 1;
    return i < pseudo_->policyCount ? pseudo_->policies[i].get() : nullptr;
  }

  // Counts the outcome; Rejected stops decoding (fail-closed: never partial plaintext). True to go on.
  bool settle(uint32_t policy, const pseudo::Policy& p, const pseudo::FieldResult& r) {
    if (pseudo_->counts) ++pseudo_->counts[policy - 1].n[static_cast<size_t>(r.status)];
    if (r.status != pseudo::FieldStatus::Rejected) return true;
    pseudoFailed_ = true;
    pseudoFailure_ = "value could not be re-identified (policy '" + p.name() + "': " + pseudo::statusMessage(r.reason) + ")";
    pseudoField_.clear();  // the path is built as the failure unwinds (prependPath), at no cost on success
    r_.fail();
    return false;
  }

  // Called by each enclosing level as a pseudonymization failure unwinds: the field's JSON path grows outward
  // ("email" → "[2].email" → "people[2].email"), as the client sees the body (contract §6).
  void prependPath(std::string seg) {
    if (!pseudoFailed_) return;
    prependPathSegment(pseudoField_, std::move(seg));
  }

  // Reverses a string for an authorized caller; `s` becomes the original (in pseudoOut_) when restored.
  bool reverseString(uint32_t policy, std::string_view& s) {
    const pseudo::Policy* p = policyFor(policy);
    if (!p) return true;
    pseudo::FieldResult r = p->reverse(s, pseudoOut_);
    if (!settle(policy, *p, r)) return false;
    if (r.status == pseudo::FieldStatus::Transformed) s = pseudoOut_;
    return true;
  }

  bool reverseInt(uint32_t policy, Kind k, int64_t& v) {
    const pseudo::Policy* p = policyFor(policy);
    if (!p) return true;
    int64_t out = 0;
    pseudo::FieldResult r = p->reverseInt(v, k == Kind::I32 ? pseudo::IntWidth::I32 : pseudo::IntWidth::I64, out);
    if (!settle(policy, *p, r)) return false;
    if (r.status == pseudo::FieldStatus::Transformed) v = out;
    return true;
  }

  bool skipField(uint8_t wt, int depth) {
    if (wt == thrift::ttype::Bool) {
      r_.boolField();
      return !r_.failed();
    }
    return thrift::skip(r_, wt, depth + 1);
  }

  // `api.header` → a response header (text form), `api.http_code` → status.
  bool routeField(const FieldDesc& f, uint8_t wt, TopCapture* cap, int depth) {
    const TypeDesc& td = plan_.types[f.type];
    if (f.flags & kHttpCode) {
      if (td.kind == Kind::I32 || td.kind == Kind::I16 || td.kind == Kind::I8) {
        cap->status = td.kind == Kind::I32 ? r_.i32() : td.kind == Kind::I16 ? r_.i16() : r_.i8();
        return !r_.failed();
      }
      return skipField(wt, depth);
    }
    std::string text;
    std::string* saved = out_;
    out_ = &text;
    bool ok = headerText(f, depth);
    out_ = saved;
    if (!ok) return false;
    for (char c : text) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;  // never emit CR/LF: drop the header
    }
    if (cap->headers) cap->headers->emplace_back(f.headerName, std::move(text));
    return true;
  }

  // Header text: strings raw, lists comma-joined, other scalars as their JSON text without quotes.
  bool headerText(const FieldDesc& f, int depth) {
    const TypeDesc& td = plan_.types[f.type];
    if (td.kind == Kind::Bool) {
      out_->append(r_.boolField() ? "true" : "false");
      return !r_.failed();
    }
    if (td.kind == Kind::List || td.kind == Kind::Set) {
      uint8_t et = 0;
      uint32_t n = r_.listBegin(et);
      if (r_.failed()) return false;
      if (n > 0 && et != plan_.types[td.a].wire) {
        r_.fail();
        return false;
      }
      for (uint32_t i = 0; i < n; ++i) {
        if (i) out_->push_back(',');
        if (!scalarText(td.a, depth)) return false;
      }
      return true;
    }
    return scalarText(f.type, depth);
  }

  bool scalarText(uint32_t t, int depth) {
    const TypeDesc& td = plan_.types[t];
    if (td.kind == Kind::String) {
      std::string_view s = r_.bytes();
      if (r_.failed()) return false;
      if (td.policy != 0 && pseudo_ && !reverseString(td.policy, s)) return false;
      out_->append(s.data(), s.size());
      return true;
    }
    size_t at = out_->size();
    if (!value(t, depth + 1, false)) return false;
    if (out_->size() - at >= 2 && (*out_)[at] == '"' && out_->back() == '"') {
      out_->erase(out_->size() - 1);
      out_->erase(at, 1);
    }
    return true;
  }

  bool list(const TypeDesc& td, int depth, bool jsConv) {
    if (depth > thrift::kMaxDepth) {
      r_.fail();
      return false;
    }
    uint8_t et = 0;
    uint32_t n = r_.listBegin(et);
    if (r_.failed()) return false;
    if (n > 0 && et != plan_.types[td.a].wire) {
      r_.fail();
      return false;
    }
    out_->push_back('[');
    for (uint32_t i = 0; i < n; ++i) {
      if (i) out_->push_back(',');
      if (!value(td.a, depth + 1, jsConv)) {
        prependPath("[" + std::to_string(i) + "]");
        return false;
      }
    }
    out_->push_back(']');
    return true;
  }

  bool map(const TypeDesc& td, int depth, bool jsConv) {
    if (depth > thrift::kMaxDepth) {
      r_.fail();
      return false;
    }
    uint8_t kt = 0, vt = 0;
    uint32_t n = r_.mapBegin(kt, vt);
    if (r_.failed()) return false;
    if (n > 0 && (kt != plan_.types[td.a].wire || vt != plan_.types[td.b].wire)) {
      r_.fail();
      return false;
    }
    out_->push_back('{');
    for (uint32_t i = 0; i < n; ++i) {
      if (i) out_->push_back(',');
      const size_t keyAt = out_->size();
      if (!mapKey(td.a)) return false;
      const size_t keyEnd = out_->size();
      out_->push_back(':');
      if (!value(td.b, depth + 1, jsConv)) {
        // The key as printed (a JSON string; its quotes dropped for the path).
        prependPath(keyEnd - keyAt >= 2 ? out_->substr(keyAt + 1, keyEnd - keyAt - 2) : std::string());
        return false;
      }
    }
    out_->push_back('}');
    return true;
  }

  // Map keys are JSON strings: scalars in their text form, enums by the value rule.
  bool mapKey(uint32_t t) {
    const TypeDesc& td = plan_.types[t];
    switch (td.kind) {
      case Kind::String:
      case Kind::Binary:
      case Kind::Uuid: return value(t, 0, false);
      case Kind::Enum: {
        appendEnum(td, r_.i32(), true);
        return !r_.failed();
      }
      case Kind::Bool:
      case Kind::I8:
      case Kind::I16:
      case Kind::I32:
      case Kind::I64:
      case Kind::Double: {
        out_->push_back('"');
        size_t at = out_->size();
        if (!value(t, 0, false)) return false;
        if ((*out_)[at] == '"') {  // i64 string mode or a NaN string: already quoted
          out_->erase(at - 1, 1);
          return true;
        }
        out_->push_back('"');
        return true;
      }
      default: r_.fail(); return false;  // struct/container keys have no JSON form
    }
  }

  void appendInt(int64_t v) {
    char b[24];
    char* e = b + sizeof b;
    char* p = e;
    uint64_t u = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
    do {
      *--p = static_cast<char>('0' + u % 10);
      u /= 10;
    } while (u);
    if (v < 0) *--p = '-';
    out_->append(p, static_cast<size_t>(e - p));
  }

  void appendDouble(double d) {
    if (std::isnan(d)) {
      out_->append("\"NaN\"");
    } else if (std::isinf(d)) {
      out_->append(d > 0 ? "\"Infinity\"" : "\"-Infinity\"");
    } else if (d == 0 && std::signbit(d)) {
      out_->append("-0.0");
    } else {
      json::writeFiniteDouble(*out_, d);
    }
  }

  void appendEnum(const TypeDesc& td, int32_t v, bool quoted) {
    if (enumNames_) {
      const std::string* name = plan_.enums[td.a].nameOf(v);
      if (name) {
        json::writeString(*out_, name->data(), name->size());
        return;
      }
    }
    if (quoted) out_->push_back('"');
    appendInt(v);
    if (quoted) out_->push_back('"');
  }

  void appendUuid(const uint8_t* u) {
    static const char kHex[] = "0123456789abcdef";
    for (int i = 0; i < 16; ++i) {
      if (i == 4 || i == 6 || i == 8 || i == 10) out_->push_back('-');
      out_->push_back(kHex[u[i] >> 4]);
      out_->push_back(kHex[u[i] & 15]);
    }
  }

  using Seg = DecoderSeg;

  // Exceptions: the `message` string for the envelope and the `api.http_code` field's value (kept in detail).
  void captureException(const FieldDesc& f, size_t valueStart, TopCapture* cap) {
    const Kind k = plan_.types[f.type].kind;
    if ((f.flags & kHttpCode) && (k == Kind::I32 || k == Kind::I16 || k == Kind::I8)) {
      cap->status = std::strtoll(out_->c_str() + valueStart, nullptr, 10);
    } else if (f.name == "message" && k == Kind::String) {
      cap->hasMessage = true;
      cap->message.assign(lastString_.data(), lastString_.size());  // fieldValue left the raw bytes here
    }
  }

  bool appendDefault(const FieldDesc& f, std::string& out) {
    if (f.defaultOutReady) {
      out.append(f.defaultOut);
      return true;
    }
    return decodeDefault(plan_, f, out);
  }

  const Plan& plan_;   // Not owned.
  R& r_;               // Not owned.
  std::string* out_;   // Not owned; redirected while a header value is rendered.
  const bool i64String_;
  const bool enumNames_;
  const PseudoCall* pseudo_;  // Not owned; null unless the caller may have values restored.
  bool pseudoFailed_ = false;
  std::string pseudoFailure_;
  std::string pseudoField_;
  std::string_view lastString_;  // Not owned: points into the reader's input (or pseudoOut_).
  bool dropNone_ = false;
  ScratchLease<DecoderScratch> lease_;
  std::vector<Seg>& segs_;      // in lease_: per-struct output segments, used as a stack
  std::vector<uint8_t>& seen_;  // in lease_: per-struct "present on the wire" flags, used as a stack
  std::string& pseudoOut_;      // in lease_: overwritten per restored value, printed at once
};

}  // namespace sluice::transcode
