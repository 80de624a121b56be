// decodeReply and thriftToJson: Thrift reply → HTTP status, headers and JSON body (contract §3 Response, §6).
#include "thrift/reader.h"
#include "transcode/decoder.h"
#include "transcode/encode.h"

namespace sluice::transcode {
namespace {

void appendEnvelope(std::string& out, std::string_view code, std::string_view message, std::string_view field,
                    std::string_view detailJson) {
  out.append("{\"error\":{\"code\":");
  json::writeString(out, code.data(), code.size());
  out.append(",\"message\":");
  json::writeString(out, message.data(), message.size());
  if (!field.empty()) {
    out.append(",\"field\":");
    json::writeString(out, field.data(), field.size());
  }
  out.append(",\"detail\":");
  out.append(detailJson.empty() ? std::string_view("{}") : detailJson);
  out.append("}}");
}

void upstreamError(ResponseOut& out, const char* message) {
  out.status = 502;
  out.headers.clear();
  out.body.clear();
  out.errorCode = "upstream_error";
  appendEnvelope(out.body, out.errorCode, message, "", "");
}

// 422 for a value that could not be restored for an authorized caller (fail-closed): the field and the reason
// class, never the value or token.
template <class D>
void pseudoError(ResponseOut& out, const D& dec) {
  out.status = 422;
  out.headers.clear();
  out.body.clear();
  out.errorCode = "pseudonymization_failed";
  appendEnvelope(out.body, out.errorCode, dec.pseudoFailure(), dec.pseudoField(), "");
}

uint16_t clampStatus(int64_t s) {
  if (s <= 0) return 200;  // unset or 0 → 200 (http-mapping.md §2 #15)
  if (s < 100 || s > 599) return 500;
  return static_cast<uint16_t>(s);
}

template <class R>
void decodeResult(const Plan& plan, R& r, ResponseOut& out, const PseudoCall* pseudo) {
  const FunctionDesc& fn = plan.function;
  const StructDesc& rs = plan.structs[fn.resultStruct];
  Decoder<R> dec(plan, r, out.body, pseudo);
  dec.dropNoneFields();
  bool gotSuccess = false;
  std::string detail;
  const StructDesc* exc = nullptr;
  TopCapture excCap;
  TopCapture top;
  top.routeFields = true;
  top.headers = &out.headers;
  r.structBegin();
  for (;;) {
    int16_t id = 0;
    uint8_t wt = r.fieldBegin(id);
    if (r.failed()) return upstreamError(out, "reply does not decode");
    if (wt == thrift::ttype::Stop) break;
    int idx = rs.findById(id);
    const FieldDesc* f = idx >= 0 ? &rs.fields[static_cast<size_t>(idx)] : nullptr;
    if (!f || plan.types[f->type].wire != wt) {
      bool ok = wt == thrift::ttype::Bool ? (r.boolField(), !r.failed()) : thrift::skip(r, wt, 1);
      if (!ok) return upstreamError(out, "reply does not decode");
      continue;
    }
    const TypeDesc& td = plan.types[f->type];
    if (id == 0) {
      out.body.clear();
      out.headers.clear();
      top.status = -1;
      bool ok;
      if (td.kind == Kind::Struct) {
        ok = dec.structValue(td.a, 1, &top);
      } else if (td.kind == Kind::Bool) {
        out.body.append(r.boolField() ? "true" : "false");
        ok = !r.failed();
      } else {
        ok = dec.value(f->type, 1, (f->flags & kJsConv) != 0);
      }
      if (!ok) return dec.pseudoFailed() ? pseudoError(out, dec) : upstreamError(out, "reply does not decode");
      gotSuccess = true;
      exc = nullptr;
      continue;
    }
    // A declared exception: decode its JSON into `detail`.
    if (td.kind != Kind::Struct) {
      if (!thrift::skip(r, wt, 1)) return upstreamError(out, "reply does not decode");
      continue;
    }
    detail.clear();
    excCap = TopCapture();
    excCap.exceptionFields = true;
    Decoder<R> edec(plan, r, detail, pseudo);
    edec.dropNoneFields();
    if (!edec.structValue(td.a, 1, &excCap)) {
      return edec.pseudoFailed() ? pseudoError(out, edec) : upstreamError(out, "reply does not decode");
    }
    exc = &plan.structs[td.a];
    gotSuccess = false;
  }
  r.structEnd();
  if (exc) {
    out.headers.clear();
    out.body.clear();
    out.errorCode = exc->qname;
    int64_t st = exc->httpCode ? exc->httpCode : excCap.status > 0 ? excCap.status : 500;
    out.status = st < 100 || st > 599 ? 500 : static_cast<uint16_t>(st);
    appendEnvelope(out.body, exc->qname, excCap.hasMessage ? std::string_view(excCap.message) : exc->qname, "",
                   detail);
    return;
  }
  if (gotSuccess) {
    out.status = clampStatus(top.status);
    return;
  }
  if (fn.returnsVoid) {
    out.status = 204;
    out.body.clear();
    return;
  }
  upstreamError(out, "reply carries no result");
}

template <class R>
void decodeReplyWith(const Plan& plan, const uint8_t* data, size_t len, ResponseOut& out, const PseudoCall* pseudo) {
  thrift::MessageHeader h;
  size_t hl = thrift::readMessageBegin(plan.protocol, data, len, h);
  if (hl == 0) return upstreamError(out, "reply header does not decode");
  if (h.type == thrift::MessageType::Exception) {
    thrift::ApplicationException ax;
    if (!thrift::decodeApplicationException(plan.protocol, data + hl, len - hl, ax)) {
      return upstreamError(out, "application exception does not decode");
    }
    out.status = ax.type == 1 ? 501 : 502;
    out.errorCode = "upstream_application_error";
    std::string detail = "{\"type\":" + std::to_string(ax.type) + "}";
    appendEnvelope(out.body, out.errorCode, ax.message.empty() ? "upstream application error" : ax.message, "",
                   detail);
    return;
  }
  if (h.type != thrift::MessageType::Reply) return upstreamError(out, "unexpected message type in reply");
  R r(data + hl, len - hl);
  decodeResult(plan, r, out, pseudo);
}

}  // namespace

void renderErrorBody(const TranscodeError& err, std::string& out) {
  appendEnvelope(out, err.code, err.message, err.field, "");
}

void decodeReply(const Plan& plan, const uint8_t* reply, size_t len, ResponseOut& out, const PseudoCall* pseudo) {
  out = ResponseOut();
  if (!plan.hasFunction) return upstreamError(out, "plan has no function");
  if (plan.protocol == thrift::Protocol::Binary) {
    decodeReplyWith<thrift::BinaryReader>(plan, reply, len, out, pseudo);
  } else {
    decodeReplyWith<thrift::CompactReader>(plan, reply, len, out, pseudo);
  }
}

bool decodeDefault(const Plan& plan, const FieldDesc& f, std::string& out) {
  if (!f.defaultReady[0]) return false;
  const std::string& b = f.defaultBytes[0];
  thrift::BinaryReader r(reinterpret_cast<const uint8_t*>(b.data()), b.size());
  Decoder<thrift::BinaryReader> dec(plan, r, out);
  if (plan.types[f.type].kind == Kind::Bool) {
    out.append(f.defaultBool ? "true" : "false");
    return true;
  }
  return dec.valueForDefault(f) && !r.failed();
}

bool thriftToJson(const Plan& plan, thrift::Protocol protocol, const uint8_t* data, size_t len, std::string& out,
                  TranscodeError& err, const PseudoCall* pseudo) {
  const size_t mark = out.size();
  out.reserve(mark + len * 2 + 64);
  bool pseudoFailed = false;
  std::string failure, field;
  auto run = [&](auto& r) {
    using R = std::remove_reference_t<decltype(r)>;
    Decoder<R> dec(plan, r, out, pseudo);
    const TypeDesc& td = plan.types[plan.rootType];
    bool ok = td.kind == Kind::Struct ? dec.structValue(td.a, 0, nullptr) : dec.value(plan.rootType, 0, false);
    if (dec.pseudoFailed()) {
      pseudoFailed = true;
      failure = dec.pseudoFailure();
      field = dec.pseudoField();
    }
    return ok;
  };
  bool ok = false;
  if (plan.rootType != UINT32_MAX) {
    if (protocol == thrift::Protocol::Binary) {
      thrift::BinaryReader r(data, len);
      ok = run(r) && !r.failed();
    } else {
      thrift::CompactReader r(data, len);
      ok = run(r) && !r.failed();
    }
  }
  if (!ok && pseudoFailed) {
    out.resize(mark);
    err.kind = ErrorKind::PseudoFailed;
    err.status = 422;
    err.code = "pseudonymization_failed";
    err.message = failure;
    err.field = field;
    return false;
  }
  if (!ok) {
    out.resize(mark);
    err.kind = ErrorKind::UpstreamError;
    err.status = 502;
    err.code = "upstream_error";
    err.message = "Thrift bytes do not decode as the type";
    err.field.clear();
    return false;
  }
  return true;
}

}  // namespace sluice::transcode
