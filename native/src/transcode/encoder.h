// JSON and HTTP text → Thrift bytes, driven by plan descriptors (contract §3, §5). Templated on the protocol
// writer so both protocols inline their primitives. JSON reaching value() is already validated — by
// json::scanValue, or by the index pass of the enclosing struct (structValue validates the object it is given)
// — so value() only meets type errors.
#pragma once

#include <cmath>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/pseudo.h"
#include "thrift/writer.h"
#include "transcode/encode.h"
#include "transcode/json.h"
#include "transcode/plan.h"
#include "transcode/scratch.h"

namespace sluice::transcode {

/** One step of the path to the value being encoded, rendered only when an error names it. */
struct PathSeg {
  std::string_view key;  // Not owned: points into the request/body or into the plan.
  int64_t index = -1;    // >= 0: array index
};

/** Where a text value came from, for error fields (`query:ids`). */
struct TextOrigin {
  const char* prefix;     // "query", "path", ... (static string)
  std::string_view name;  // Not owned: the plan's binding name.
};

/** The encoder's reusable stacks (see ScratchLease). */
struct EncoderScratch {
  std::vector<PathSeg> path;
  std::vector<const char*> spans;
  std::string text;
  std::string pseudoOut;  // a policy's output for the value being written
};

/** How an encoder treats plan policy slots: applied (requests, jsonToThrift) or skipped (IDL defaults at load). */
enum class PolicyMode : uint8_t { Apply, Skip };

template <class W>
class Encoder {
 public:
  /** `plan`, `w`, `err` and `pseudo` (may be null) are not owned and outlive the encoder. */
  Encoder(const Plan& plan, W& w, TranscodeError& err, const PseudoCall* pseudo = nullptr,
          PolicyMode mode = PolicyMode::Apply)
      : plan_(plan), w_(w), err_(err), proto_(W::kCompact ? 1 : 0), reject_((plan.flags & kRejectUnknown) != 0),
        pseudo_(pseudo), applyPolicies_(mode == PolicyMode::Apply), path_(lease_.get().path),
        spans_(lease_.get().spans), scratch_(lease_.get().text), pseudoOut_(lease_.get().pseudoOut) {
    path_.clear();
    spans_.clear();
  }

  std::vector<PathSeg>& path() { return path_; }

  /** Encodes the JSON value at `p` (no leading whitespace) as type `t`. @return one past the value, or nullptr. */
  const char* value(uint32_t t, const char* p, const char* e, int depth) {
    const TypeDesc& td = plan_.types[t];
    switch (td.kind) {
      case Kind::Bool: {
        if (e - p >= 4 && std::memcmp(p, "true", 4) == 0) {
          w_.boolValue(true);
          return p + 4;
        }
        if (e - p >= 5 && std::memcmp(p, "false", 5) == 0) {
          w_.boolValue(false);
          return p + 5;
        }
        return typeError("expected true or false");
      }
      case Kind::I8:
      case Kind::I16:
      case Kind::I32:
      case Kind::I64: {
        int64_t v;
        const char* q = jsonInt(p, e, v);
        if (!q) return nullptr;
        if (!putInt(td, v)) return nullptr;
        return q;
      }
      case Kind::Double: {
        double d;
        const char* q = jsonDouble(p, e, d);
        if (q) w_.dbl(d);
        return q;
      }
      case Kind::String:
      case Kind::Binary:
      case Kind::Uuid: {
        if (*p != '"') return typeError(td.kind == Kind::String ? "expected a string" : td.kind == Kind::Binary
                                                                                      ? "expected a base64 string"
                                                                                      : "expected a uuid string");
        bool esc;
        const char* q = json::stringEnd(p, e, esc);
        std::string_view raw(p + 1, static_cast<size_t>(q - p - 2));
        if (esc) {
          scratch_.clear();
          json::unescapeString(p, q, scratch_);
          raw = scratch_;
        }
        if (!bytesValue(td, raw, true)) return nullptr;
        return q;
      }
      case Kind::Enum: {
        if (*p == '"') {
          bool esc;
          const char* q = json::stringEnd(p, e, esc);
          std::string s;
          json::unescapeString(p, q, s);
          return enumText(td, s) ? q : nullptr;
        }
        int64_t v;
        const char* q = jsonInt(p, e, v);
        if (!q) return nullptr;
        if (v < INT32_MIN || v > INT32_MAX) return rangeError();
        w_.i32(static_cast<int32_t>(v));
        return q;
      }
      case Kind::List:
      case Kind::Set: return list(td, p, e, depth);
      case Kind::Map: return map(td, p, e, depth);
      case Kind::Struct: return structValue(td.a, p, e, depth);
    }
    return nullptr;
  }

  /** Encodes a struct from a JSON object, applying defaults, required checks and union rules. */
  const char* structValue(uint32_t s, const char* p, const char* e, int depth) {
    if (depth > json::kMaxDepth) return fail("value nests too deeply");
    if (*p != '{') return typeError("expected an object");
    const StructDesc& sd = plan_.structs[s];
    const size_t n = sd.fields.size();
    const size_t base = spans_.size();
    spans_.resize(base + n, nullptr);
    // Index pass: validates this object's syntax (and everything nested in it) and records where each known
    // field's value starts; values are encoded afterwards in id order.
    const char* q = json::skipWs(p + 1, e);
    std::string keyBuf;
    if (q < e && *q == '}') {
      // empty object
    } else {
      for (;;) {
        if (q >= e || *q != '"') return malformed();
        bool esc;
        const char* ke = json::scanString(q, e, esc);
        if (!ke) return malformed();
        std::string_view key(q + 1, static_cast<size_t>(ke - q - 2));
        if (esc) {
          keyBuf.clear();
          json::unescapeString(q, ke, keyBuf);
          key = keyBuf;
        }
        const char* colon = json::skipWs(ke, e);
        if (colon >= e || *colon != ':') return malformed();
        const char* v = json::skipWs(colon + 1, e);
        const char* ve = json::scanValue(v, e, depth + 1);
        if (!ve) return malformed();
        int idx = sd.findByKey(key);
        if (idx < 0) {
          if (reject_) {
            path_.push_back({key, -1});
            return fail("unknown field");
          }
        } else {
          // A later duplicate wins, as with JSON.parse; null means absent.
          spans_[base + static_cast<size_t>(idx)] = *v == 'n' ? nullptr : v;
        }
        q = json::skipWs(ve, e);
        if (q >= e) return malformed();
        if (*q == '}') break;
        if (*q != ',') return malformed();
        q = json::skipWs(q + 1, e);
      }
    }
    const char* end = q + 1;
    if (sd.kind == StructKind::Union) {
      size_t present = 0;
      for (size_t i = 0; i < n; ++i) present += spans_[base + i] != nullptr;
      if (present != 1) return fail("a union takes exactly one field");
    }
    w_.structBegin();
    for (uint16_t i : sd.writeOrder) {
      const FieldDesc& f = sd.fields[i];
      const char* v = spans_[base + i];
      if (v) {
        path_.push_back({f.jsonKey, -1});
        if (!field(f, v, e, depth + 1)) return nullptr;
        path_.pop_back();
      } else if (f.hasDefault && sd.kind != StructKind::Union) {
        if (!defaultField(f, depth + 1)) return nullptr;
      } else if (f.requiredness == kRequired) {
        path_.push_back({f.jsonKey, -1});
        return fail("missing required field");
      }
    }
    w_.structEnd();
    spans_.resize(base);
    return end;
  }

  /** Field header + value from JSON. */
  bool field(const FieldDesc& f, const char* v, const char* e, int depth) {
    const TypeDesc& td = plan_.types[f.type];
    if (td.kind == Kind::Bool) {
      if (e - v >= 4 && std::memcmp(v, "true", 4) == 0) {
        w_.boolField(f.id, true);
      } else if (e - v >= 5 && std::memcmp(v, "false", 5) == 0) {
        w_.boolField(f.id, false);
      } else {
        typeError("expected true or false");
        return false;
      }
      return true;
    }
    w_.fieldHeader(td.wire, f.id);
    return value(f.type, v, e, depth) != nullptr;
  }

  /** Writes the field's IDL default (pre-encoded when the plan has finished loading). */
  bool defaultField(const FieldDesc& f, int depth) {
    const TypeDesc& td = plan_.types[f.type];
    if (td.kind == Kind::Bool) {
      w_.boolField(f.id, f.defaultJson == "true");
      return true;
    }
    w_.fieldHeader(td.wire, f.id);
    if (f.defaultReady[proto_]) {
      w_.out().append(f.defaultBytes[proto_]);
      return true;
    }
    const char* b = f.defaultJson.data();
    const char* e = b + f.defaultJson.size();
    if (json::scanValue(b, e, 0) != e) return fail("invalid IDL default") != nullptr;
    size_t mark = path_.size();
    bool ok = value(f.type, b, e, depth) != nullptr;
    if (ok) path_.resize(mark);
    return ok;
  }

  /**
   * Encodes a text value (path/query/header/cookie, or a map key) as type `t`. Lists/sets split on commas;
   * structs and maps are read as JSON text.
   */
  bool text(uint32_t t, std::string_view s, bool mapKey, int depth) {
    const TypeDesc& td = plan_.types[t];
    switch (td.kind) {
      case Kind::Bool:
        if (s == "true" || (!mapKey && s == "1")) {
          w_.boolValue(true);
        } else if (s == "false" || (!mapKey && s == "0")) {
          w_.boolValue(false);
        } else {
          return typeError("expected true, false, 1 or 0") != nullptr;
        }
        return true;
      case Kind::I8:
      case Kind::I16:
      case Kind::I32:
      case Kind::I64: {
        int64_t v;
        if (mapKey) {
          switch (json::integerFromText(s, v)) {
            case json::IntText::Ok: return putInt(td, v);
            case json::IntText::Syntax: return typeError("expected an integer") != nullptr;
            default: return rangeError() != nullptr;
          }
        }
        if (!json::parseInt64(s, v)) {
          return (isAllDigits(s) ? rangeError() : typeError("expected a decimal integer")) != nullptr;
        }
        return putInt(td, v);
      }
      case Kind::Double: {
        double d;
        if (!json::parseDouble(s, d) && !json::parseSpecialDouble(s, d)) {
          return typeError("expected a number") != nullptr;
        }
        w_.dbl(d);
        return true;
      }
      case Kind::String:
      case Kind::Binary:
      case Kind::Uuid: return bytesValue(td, s, mapKey);
      case Kind::Enum: return enumText(td, s);
      case Kind::List:
      case Kind::Set: {
        const uint32_t et = td.a;
        size_t at = w_.listBeginDeferred();
        uint32_t count = 0;
        if (!s.empty()) {
          size_t start = 0;
          for (;;) {
            size_t comma = s.find(',', start);
            std::string_view item = s.substr(start, comma == std::string_view::npos ? std::string_view::npos
                                                                                     : comma - start);
            if (!text(et, trim(item), false, depth + 1)) return false;
            ++count;
            if (comma == std::string_view::npos) break;
            start = comma + 1;
          }
        }
        w_.listEndDeferred(at, plan_.types[et].wire, count);
        return true;
      }
      case Kind::Map:
      case Kind::Struct: {
        if (mapKey) return typeError("map keys must be scalars") != nullptr;
        const char* b = s.data();
        const char* e = b + s.size();
        const char* v = json::skipWs(b, e);
        const char* ve = json::scanValue(v, e, 0);
        if (!ve || json::skipWs(ve, e) != e) return typeError("expected a JSON value") != nullptr;
        return value(t, v, e, depth) != nullptr;
      }
    }
    return false;
  }

  /** Fails with a type error naming the current path. Returns nullptr for tail calls. */
  const char* typeError(const char* msg) { return fail(msg); }
  const char* fail(const char* msg) {
    badRequest(err_, msg, renderPath());
    return nullptr;
  }

  std::string renderPath() const {
    std::string s;
    if (origin_.prefix) {
      s.append(origin_.prefix);
      s.push_back(':');
      s.append(origin_.name);
      return s;
    }
    for (const auto& seg : path_) {
      if (seg.index >= 0) {
        s.push_back('[');
        s.append(std::to_string(seg.index));
        s.push_back(']');
      } else if (isIdentifier(seg.key)) {
        if (!s.empty()) s.push_back('.');
        s.append(seg.key);
      } else {  // keys that are not identifiers: ["a b"] (src/json/path.ts)
        s.push_back('[');
        json::writeString(s, seg.key.data(), seg.key.size());
        s.push_back(']');
      }
    }
    return s;
  }

  /**
   * Runs `policy` (a TypeDesc::policy slot, non-zero) forward over a string value. @return the bytes to write (the
   * input, or the pseudonym in pseudoOut_), or false with a 422/500 in err_ when the value must not be forwarded.
   */
  bool forwardString(uint32_t policy, std::string_view in, std::string_view& result) {
    const pseudo::Policy* p = policyFor(policy);
    if (!p) return false;
    pseudo::FieldResult r = p->forward(in, pseudoOut_);
    if (!settle(policy, *p, r)) return false;
    result = r.status == pseudo::FieldStatus::Transformed ? std::string_view(pseudoOut_) : in;
    return true;
  }

  /** As forwardString for an i32/i64 value (range already checked); `v` is replaced when transformed. */
  bool forwardInt(uint32_t policy, Kind k, int64_t& v) {
    const pseudo::Policy* p = policyFor(policy);
    if (!p) return false;
    int64_t out = 0;
    pseudo::FieldResult r = p->forwardInt(v, k == Kind::I32 ? pseudo::IntWidth::I32 : pseudo::IntWidth::I64, out);
    if (!settle(policy, *p, r)) return false;
    if (r.status == pseudo::FieldStatus::Transformed) v = out;
    return true;
  }

  /** Whether policy slots are applied (false while IDL defaults are pre-encoded at load). */
  bool appliesPolicies() const { return applyPolicies_; }

  /** While set, errors name `prefix:name` instead of a JSON path. */
  void setOrigin(const char* prefix, std::string_view name) { origin_ = {prefix, name}; }
  void clearOrigin() { origin_ = {nullptr, {}}; }

  static bool isIdentifier(std::string_view k) {
    if (k.empty()) return false;
    for (size_t i = 0; i < k.size(); ++i) {
      char c = k[i];
      bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
      if (!alpha && (i == 0 || c < '0' || c > '9')) return false;
    }
    return true;
  }

  static std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
  }

 private:
  // The resolved policy of slot `policy`, or nullptr with a fail-closed 500 (a plan served without its policies).
  const pseudo::Policy* policyFor(uint32_t policy) {
    size_t i = policy - 1;
    if (pseudo_ == nullptr || i >= pseudo_->policyCount || !pseudo_->policies[i]) {
      err_.kind = ErrorKind::Internal;
      err_.status = 500;
      err_.code = "internal_error";
      err_.message = "pseudonymization policy not available";
      err_.field = renderPath();
      return nullptr;
    }
    return pseudo_->policies[i].get();
  }

  // Counts the outcome; Rejected fails the request with 422 naming the field and the reason class (never the value).
  bool settle(uint32_t policy, const pseudo::Policy& p, const pseudo::FieldResult& r) {
    if (pseudo_->counts) ++pseudo_->counts[policy - 1].n[static_cast<size_t>(r.status)];
    if (r.status != pseudo::FieldStatus::Rejected) return true;
    err_.kind = ErrorKind::PseudoFailed;
    err_.status = 422;
    err_.code = "pseudonymization_failed";
    err_.message = "value could not be pseudonymized (policy '" + p.name() + "': " + pseudo::statusMessage(r.reason) + ")";
    err_.field = renderPath();
    return false;
  }

  static bool isAllDigits(std::string_view s) {
    if (!s.empty() && s[0] == '-') s.remove_prefix(1);
    if (s.empty()) return false;
    for (char c : s) {
      if (c < '0' || c > '9') return false;
    }
    return true;
  }

  const char* rangeError() { return fail("integer out of range"); }
  const char* malformed() {
    badRequest(err_, "malformed JSON", "");
    return nullptr;
  }

  bool putInt(const TypeDesc& td, int64_t v) {
    if (td.policy != 0 && applyPolicies_) {
      if (td.kind == Kind::I32 && (v < INT32_MIN || v > INT32_MAX)) return rangeError() != nullptr;
      if (!forwardInt(td.policy, td.kind, v)) return false;
    }
    switch (td.kind) {
      case Kind::I8:
        if (v < -128 || v > 127) return rangeError() != nullptr;
        w_.i8(static_cast<int8_t>(v));
        return true;
      case Kind::I16:
        if (v < INT16_MIN || v > INT16_MAX) return rangeError() != nullptr;
        w_.i16(static_cast<int16_t>(v));
        return true;
      case Kind::I32:
        if (v < INT32_MIN || v > INT32_MAX) return rangeError() != nullptr;
        w_.i32(static_cast<int32_t>(v));
        return true;
      default: w_.i64(v); return true;
    }
  }

  // JSON integer: a number or a string whose text denotes an integer (`12`, `1e3`, `2.0`, `007`).
  const char* jsonInt(const char* p, const char* e, int64_t& v) {
    const char* q;
    std::string_view s;
    if (*p == '"') {
      bool esc;
      q = json::stringEnd(p, e, esc);
      s = std::string_view(p + 1, static_cast<size_t>(q - p - 2));
      if (esc) return typeError("expected an integer");
    } else {
      bool integral;
      q = (*p == '-' || (*p >= '0' && *p <= '9')) ? json::scanNumber(p, e, integral) : nullptr;
      if (!q) return typeError("expected an integer");
      s = std::string_view(p, static_cast<size_t>(q - p));
    }
    switch (json::integerFromText(s, v)) {
      case json::IntText::Ok: return q;
      case json::IntText::Syntax: return typeError("expected an integer");
      default: return rangeError();
    }
  }

  const char* jsonDouble(const char* p, const char* e, double& d) {
    if (*p == '"') {
      bool esc;
      const char* q = json::stringEnd(p, e, esc);
      std::string_view s(p + 1, static_cast<size_t>(q - p - 2));
      if (!esc && json::parseSpecialDouble(s, d)) return q;
      if (esc || !json::parseDouble(s, d)) return typeError("expected a number, \"NaN\", \"Infinity\" or \"-Infinity\"");
      if (!std::isfinite(d)) return rangeError();
      return q;
    }
    bool integral;
    const char* q = (*p == '-' || (*p >= '0' && *p <= '9')) ? json::scanNumber(p, e, integral) : nullptr;
    if (!q) return typeError("expected a number");
    json::parseDouble(std::string_view(p, static_cast<size_t>(q - p)), d);
    if (!std::isfinite(d)) return rangeError();
    return q;
  }

  bool bytesValue(const TypeDesc& td, std::string_view s, bool base64) {
    const Kind k = td.kind;
    if (k == Kind::String) {
      // JSON strings were validated by the scanner; text sources (query, headers, ...) are checked here.
      if (!base64 && !json::validUtf8(s.data(), s.size())) return typeError("string is not valid UTF-8") != nullptr;
      if (td.policy != 0 && applyPolicies_ && !forwardString(td.policy, s, s)) return false;
      w_.bytes(s.data(), s.size());
      return true;
    }
    if (k == Kind::Binary) {
      if (!base64) {
        w_.bytes(s.data(), s.size());
        return true;
      }
      std::string bin;
      if (!json::decodeBase64(s, bin)) return typeError("expected base64") != nullptr;
      w_.bytes(bin.data(), bin.size());
      return true;
    }
    uint8_t u[16];
    if (!parseUuid(s, u)) return typeError("expected a uuid") != nullptr;
    w_.uuid(u);
    return true;
  }

  static bool parseUuid(std::string_view s, uint8_t* u) {
    if (s.size() == 38 && s.front() == '{' && s.back() == '}') s = s.substr(1, 36);
    if (s.size() != 36) return false;
    int k = 0;
    for (size_t i = 0; i < 36;) {
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        if (s[i] != '-') return false;
        ++i;
        continue;
      }
      int hi = hexDigit(s[i]), lo = hexDigit(s[i + 1]);
      if (hi < 0 || lo < 0) return false;
      u[k++] = static_cast<uint8_t>((hi << 4) | lo);
      i += 2;
    }
    return true;
  }
  static int hexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  bool enumText(const TypeDesc& td, std::string_view s) {
    int32_t v;
    if (plan_.enums[td.a].valueOf(s, v)) {
      w_.i32(v);
      return true;
    }
    int64_t n;
    if (json::parseInt64(s, n)) {
      if (n < INT32_MIN || n > INT32_MAX) return rangeError() != nullptr;
      w_.i32(static_cast<int32_t>(n));
      return true;
    }
    return typeError("expected an enum name or number") != nullptr;
  }

  const char* list(const TypeDesc& td, const char* p, const char* e, int depth) {
    if (depth > json::kMaxDepth) return fail("value nests too deeply");
    if (*p != '[') return typeError("expected an array");
    const uint32_t et = td.a;
    size_t at = w_.listBeginDeferred();
    uint32_t count = 0;
    const char* q = json::skipWs(p + 1, e);
    if (*q != ']') {
      for (;;) {
        path_.push_back({{}, static_cast<int64_t>(count)});
        const char* ve = value(et, q, e, depth + 1);
        if (!ve) return nullptr;
        path_.pop_back();
        ++count;
        q = json::skipWs(ve, e);
        if (*q == ']') break;
        q = json::skipWs(q + 1, e);
      }
    }
    w_.listEndDeferred(at, plan_.types[et].wire, count);
    return q + 1;
  }

  const char* map(const TypeDesc& td, const char* p, const char* e, int depth) {
    if (depth > json::kMaxDepth) return fail("value nests too deeply");
    if (*p != '{') return typeError("expected an object");
    size_t at = w_.mapBeginDeferred();
    uint32_t count = 0;
    const char* q = json::skipWs(p + 1, e);
    std::string key;
    if (*q != '}') {
      for (;;) {
        bool esc;
        const char* ke = json::stringEnd(q, e, esc);
        key.clear();
        json::unescapeString(q, ke, key);
        path_.push_back({key, -1});
        if (!text(td.a, key, true, depth + 1)) return nullptr;
        const char* v = json::skipWs(json::skipWs(ke, e) + 1, e);
        const char* ve = value(td.b, v, e, depth + 1);
        if (!ve) return nullptr;
        path_.pop_back();
        ++count;
        q = json::skipWs(ve, e);
        if (*q == '}') break;
        q = json::skipWs(q + 1, e);
      }
    }
    w_.mapEndDeferred(at, plan_.types[td.a].wire, plan_.types[td.b].wire, count);
    return q + 1;
  }

  const Plan& plan_;     // Not owned; the plan outlives every call.
  W& w_;                 // Not owned; the caller's writer.
  TranscodeError& err_;  // Not owned; the caller's error slot.
  const int proto_;
  const bool reject_;
  const PseudoCall* pseudo_;  // Not owned; may be null (then a policy slot fails closed).
  const bool applyPolicies_;
  ScratchLease<EncoderScratch> lease_;
  std::vector<PathSeg>& path_;       // in lease_
  std::vector<const char*>& spans_;  // in lease_: per-struct field value starts, used as a stack
  std::string& scratch_;             // in lease_
  std::string& pseudoOut_;           // in lease_: overwritten per transformed value, written out at once
  TextOrigin origin_{nullptr, {}};
};

}  // namespace sluice::transcode
