// encodeCall: HTTP request view → framed Thrift CALL, per the plan's bindings (contract §3).
#include <cstring>
#include <deque>

#include "transcode/encoder.h"

namespace sluice::transcode {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
    if (x != y) return false;
  }
  return true;
}

int hexv(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Query component decoding: %XX and '+' as space. @return false on a bad escape.
bool percentDecode(std::string_view in, std::string& out) {
  out.clear();
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int h = hexv(in[i + 1]), l = hexv(in[i + 2]);
      if (h < 0 || l < 0) return false;
      out.push_back(static_cast<char>((h << 4) | l));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return true;
}

const char* prefixOf(SourceKind k) {
  switch (k) {
    case SourceKind::Path: return "path";
    case SourceKind::Query: return "query";
    case SourceKind::Header: return "header";
    case SourceKind::Cookie: return "cookie";
    default: return nullptr;
  }
}

// Top-level keys of the JSON body object with their value starts.
struct BodyIndex {
  std::vector<std::pair<std::string_view, const char*>> keys;  // views into the body or into `unescaped`
  std::deque<std::string> unescaped;  // deque: growing it keeps earlier strings (and views of them) in place
  const char* end = nullptr;
  const char* find(std::string_view k) const {
    const char* v = nullptr;
    for (const auto& kv : keys) {
      if (kv.first == k) v = kv.second;  // last duplicate wins
    }
    return v;
  }
};

template <class W>
class CallEncoder {
 public:
  CallEncoder(const Plan& plan, const RequestView& req, W& w, TranscodeError& err, const PseudoCall* pseudo)
      : plan_(plan), fn_(plan.function), req_(req), w_(w), err_(err), enc_(plan, w, err, pseudo) {}

  bool run() {
    if (fn_.readsBody && !indexBody()) return false;
    if (fn_.shape == RequestShape::Args) {
      return requestStruct();  // the arguments themselves are bound
    }
    w_.structBegin();  // args
    w_.fieldHeader(thrift::ttype::Struct, fn_.requestArgId);
    if (!requestStruct()) return false;
    w_.structEnd();
    return true;
  }

 private:
  bool indexBody() {
    const char* b = req_.body.data();
    const char* e = b + req_.body.size();
    const char* p = json::skipWs(b, e);
    body_.end = e;
    if (p == e) return true;  // no body: every body source is absent
    if (*p != '{') {
      const char* ve = json::scanValue(p, e, 0);
      badRequest(err_, ve && json::skipWs(ve, e) == e ? "request body must be a JSON object"
                                                      : "request body is not valid JSON", "");
      return false;
    }
    // One validating pass over the top-level object: keys and where their values start.
    const char* q = json::skipWs(p + 1, e);
    if (q < e && *q == '}') {
      q = json::skipWs(q + 1, e);
      return q == e || notJson();
    }
    for (;;) {
      if (q >= e || *q != '"') return notJson();
      bool esc;
      const char* ke = json::scanString(q, e, esc);
      if (!ke) return notJson();
      std::string_view key(q + 1, static_cast<size_t>(ke - q - 2));
      if (esc) {
        body_.unescaped.emplace_back();
        json::unescapeString(q, ke, body_.unescaped.back());
        key = body_.unescaped.back();
      }
      const char* colon = json::skipWs(ke, e);
      if (colon >= e || *colon != ':') return notJson();
      const char* v = json::skipWs(colon + 1, e);
      const char* ve = json::scanValue(v, e, 1);
      if (!ve) return notJson();
      body_.keys.emplace_back(key, *v == 'n' ? nullptr : v);
      if ((plan_.flags & kRejectUnknown) && !boundBodyKey(key)) {
        badRequest(err_, "unknown field", std::string(key));
        return false;
      }
      q = json::skipWs(ve, e);
      if (q >= e) return notJson();
      if (*q == '}') break;
      if (*q != ',') return notJson();
      q = json::skipWs(q + 1, e);
    }
    return json::skipWs(q + 1, e) == e || notJson();
  }

  bool notJson() {
    badRequest(err_, "request body is not valid JSON", "");
    return false;
  }

  bool boundBodyKey(std::string_view key) const {
    for (const auto& b : fn_.bindings) {
      for (const auto& s : b.sources) {
        if (s.kind == SourceKind::Body && s.name == key) return true;
      }
    }
    return false;
  }

  bool requestStruct() {
    const StructDesc& sd = plan_.structs[fn_.requestStruct];
    w_.structBegin();
    for (size_t i = 0; i < sd.fields.size(); ++i) {
      const FieldDesc& f = sd.fields[i];
      int32_t bi = fn_.bindingOf[i];
      int found = 0;  // 1 written, -1 error, 0 absent
      if (bi >= 0) {
        for (const Source& src : fn_.bindings[static_cast<size_t>(bi)].sources) {
          found = bindOne(f, src);
          if (found != 0) break;
        }
      }
      if (found < 0) return false;
      if (found > 0) continue;
      if (f.hasDefault) {
        if (!enc_.defaultField(f, 1)) return false;
      } else if (f.requiredness == kRequired) {
        std::string field = f.name;
        if (bi >= 0 && !fn_.bindings[static_cast<size_t>(bi)].sources.empty()) {
          const Source& s0 = fn_.bindings[static_cast<size_t>(bi)].sources[0];
          const char* pre = prefixOf(s0.kind);
          field = pre ? std::string(pre) + ":" + s0.name : s0.kind == SourceKind::Body ? s0.name : f.name;
        }
        badRequest(err_, "missing required field", field);
        return false;
      }
    }
    w_.structEnd();
    return true;
  }

  // Writes field `f` from `src` if the source has a value. @return 1 written, 0 absent, -1 error.
  int bindOne(const FieldDesc& f, const Source& src) {
    const TypeDesc& td = plan_.types[f.type];
    const bool isList = td.kind == Kind::List || td.kind == Kind::Set;
    switch (src.kind) {
      case SourceKind::Body: {
        const char* v = body_.find(src.name);
        if (!v) return 0;
        enc_.path().clear();
        enc_.path().push_back({src.name, -1});
        return enc_.field(f, v, body_.end, 1) ? 1 : -1;
      }
      case SourceKind::RawBody: return rawBytes(f, req_.body);
      case SourceKind::RawUri: return rawBytes(f, req_.rawTarget);
      case SourceKind::Path: {
        for (size_t i = 0; i < req_.pathParamCount; ++i) {
          if (req_.pathParams[i].name == src.name) return textField(f, src, req_.pathParams[i].value);
        }
        return 0;
      }
      case SourceKind::Cookie: return cookie(f, src);
      case SourceKind::Header: {
        if (!isList) {
          for (size_t i = 0; i < req_.headerCount; ++i) {
            if (iequals(req_.headers[i].name, src.name)) return textField(f, src, req_.headers[i].value);
          }
          return 0;
        }
        items_.clear();
        for (size_t i = 0; i < req_.headerCount; ++i) {
          if (iequals(req_.headers[i].name, src.name)) items_.emplace_back(req_.headers[i].value);
        }
        if (items_.empty()) return 0;
        return listField(f, src, true);
      }
      case SourceKind::Query: {
        items_.clear();
        std::string_view q = req_.rawQuery;
        size_t start = 0;
        while (start <= q.size()) {
          size_t amp = q.find('&', start);
          std::string_view part = q.substr(start, amp == std::string_view::npos ? std::string_view::npos : amp - start);
          size_t eq = part.find('=');
          std::string_view k = part.substr(0, eq);
          std::string_view v = eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1);
          if (!part.empty() && percentDecode(k, key_) && key_ == src.name) {
            std::string dv;
            if (!percentDecode(v, dv)) {
              badRequest(err_, "bad percent-encoding", std::string("query:") + src.name);
              return -1;
            }
            items_.push_back(std::move(dv));
            if (!isList) break;
          }
          if (amp == std::string_view::npos) break;
          start = amp + 1;
        }
        if (items_.empty()) return 0;
        if (!isList) return textField(f, src, items_[0]);
        const Kind ek = plan_.types[td.a].kind;
        // Repeated string parameters are taken whole (so values may contain commas); anything else splits.
        return listField(f, src, !(items_.size() > 1 && (ek == Kind::String || ek == Kind::Binary)));
      }
    }
    return 0;
  }

  int rawBytes(const FieldDesc& f, std::string_view bytes) {
    const TypeDesc& td = plan_.types[f.type];
    if (td.kind != Kind::String && td.kind != Kind::Binary) {
      badRequest(err_, "raw value bound to a non-string field", f.name);
      return -1;
    }
    if (td.policy != 0) {
      enc_.path().clear();
      enc_.path().push_back({f.jsonKey, -1});
      if (!enc_.forwardString(td.policy, bytes, bytes)) return -1;
    }
    w_.fieldHeader(td.wire, f.id);
    w_.bytes(bytes.data(), bytes.size());
    return 1;
  }

  int cookie(const FieldDesc& f, const Source& src) {
    for (size_t i = 0; i < req_.headerCount; ++i) {
      if (!iequals(req_.headers[i].name, "cookie")) continue;
      std::string_view c = req_.headers[i].value;
      size_t start = 0;
      while (start < c.size()) {
        size_t semi = c.find(';', start);
        std::string_view part = Encoder<W>::trim(c.substr(start, semi == std::string_view::npos ? std::string_view::npos
                                                                                               : semi - start));
        size_t eq = part.find('=');
        if (eq != std::string_view::npos && part.substr(0, eq) == src.name) {
          return textField(f, src, part.substr(eq + 1));
        }
        if (semi == std::string_view::npos) break;
        start = semi + 1;
      }
    }
    return 0;
  }

  int textField(const FieldDesc& f, const Source& src, std::string_view text) {
    const TypeDesc& td = plan_.types[f.type];
    enc_.setOrigin(prefixOf(src.kind), src.name);
    bool ok;
    if (td.kind == Kind::Bool) {
      ok = true;
      if (text == "true" || text == "1") {
        w_.boolField(f.id, true);
      } else if (text == "false" || text == "0") {
        w_.boolField(f.id, false);
      } else {
        ok = enc_.typeError("expected true, false, 1 or 0") != nullptr;
      }
    } else {
      w_.fieldHeader(td.wire, f.id);
      ok = enc_.text(f.type, text, false, 1);
    }
    enc_.clearOrigin();
    return ok ? 1 : -1;
  }

  // Writes a list field from items_ (each split on commas when `split`).
  int listField(const FieldDesc& f, const Source& src, bool split) {
    const TypeDesc& td = plan_.types[f.type];
    enc_.setOrigin(prefixOf(src.kind), src.name);
    w_.fieldHeader(td.wire, f.id);
    size_t at = w_.listBeginDeferred();
    uint32_t count = 0;
    for (const std::string& item : items_) {
      std::string_view s = item;
      if (!split) {
        if (!enc_.text(td.a, s, false, 2)) return -1;
        ++count;
        continue;
      }
      if (items_.size() == 1 && s.empty()) break;  // `?ids=` is an empty list
      size_t start = 0;
      for (;;) {
        size_t comma = s.find(',', start);
        std::string_view piece = Encoder<W>::trim(
            s.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
        if (!enc_.text(td.a, piece, false, 2)) return -1;
        ++count;
        if (comma == std::string_view::npos) break;
        start = comma + 1;
      }
    }
    w_.listEndDeferred(at, plan_.types[td.a].wire, count);
    enc_.clearOrigin();
    return 1;
  }

  const Plan& plan_;           // Not owned.
  const FunctionDesc& fn_;     // Not owned; part of plan_.
  const RequestView& req_;     // Not owned; valid for the call.
  W& w_;                       // Not owned.
  TranscodeError& err_;        // Not owned.
  Encoder<W> enc_;
  BodyIndex body_;
  std::vector<std::string> items_;
  std::string key_;
};

template <class W>
bool encodeArgs(const Plan& plan, const RequestView& req, std::string& out, TranscodeError& err, const PseudoCall* pseudo) {
  W w(out);
  CallEncoder<W> enc(plan, req, w, err, pseudo);
  return enc.run();
}

}  // namespace

bool encodeCall(const Plan& plan, const RequestView& request, int32_t seqid, std::string& out, TranscodeError& err,
                const PseudoCall* pseudo) {
  if (!plan.hasFunction) {
    err.kind = ErrorKind::Internal;
    err.status = 500;
    err.code = "internal_error";
    err.message = "plan has no function";
    return false;
  }
  const size_t mark = out.size();
  size_t frame = thrift::beginFrame(plan.transport, out);
  thrift::writeMessageBegin(plan.protocol, plan.function.messageName,
                            plan.function.oneway ? thrift::MessageType::Oneway : thrift::MessageType::Call, seqid, out);
  bool ok = plan.protocol == thrift::Protocol::Binary ? encodeArgs<thrift::BinaryWriter>(plan, request, out, err, pseudo)
                                                       : encodeArgs<thrift::CompactWriter>(plan, request, out, err, pseudo);
  if (!ok) {
    out.resize(mark);
    return false;
  }
  thrift::endFrame(plan.transport, plan.protocol, seqid, frame, out);
  return true;
}

}  // namespace sluice::transcode
