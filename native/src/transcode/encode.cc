// JSON → Thrift for one value of a plan type (jsonToThrift, IDL defaults at load).
#include "transcode/encode.h"

#include "transcode/encoder.h"

namespace sluice::transcode {

void badRequest(TranscodeError& err, std::string message, std::string field) {
  err.kind = ErrorKind::BadRequest;
  err.status = 400;
  err.code = "bad_request";
  err.message = std::move(message);
  err.field = std::move(field);
}

namespace {

template <class W>
bool encodeWith(const Plan& plan, uint32_t type, const char* v, const char* e, std::string& out, TranscodeError& err,
                const PseudoCall* pseudo, PolicyMode mode) {
  W w(out);
  Encoder<W> enc(plan, w, err, pseudo, mode);
  const TypeDesc& td = plan.types[type];
  if (td.kind == Kind::Struct && *v == '{') {
    // Structs validate while indexing their keys: no separate validation pass.
    const char* end = enc.structValue(td.a, v, e, 0);
    if (end && json::skipWs(end, e) != e) {
      badRequest(err, "malformed JSON", "");
      return false;
    }
    return end != nullptr;
  }
  const char* ve = json::scanValue(v, e, 0);
  if (!ve || json::skipWs(ve, e) != e) {
    badRequest(err, "malformed JSON", "");
    return false;
  }
  return enc.value(type, v, e, 0) != nullptr;
}

}  // namespace

bool encodeJsonValue(const Plan& plan, thrift::Protocol protocol, uint32_t type, std::string_view json,
                     std::string& out, TranscodeError& err, const PseudoCall* pseudo) {
  // Without a PseudoCall this encodes IDL defaults at load: policy slots are skipped (defaults are IDL constants).
  const PolicyMode mode = pseudo ? PolicyMode::Apply : PolicyMode::Skip;
  const char* b = json.data();
  const char* e = b + json.size();
  const char* v = json::skipWs(b, e);
  if (v == e) {
    badRequest(err, "malformed JSON", "");
    return false;
  }
  const size_t mark = out.size();
  bool ok = protocol == thrift::Protocol::Binary ? encodeWith<thrift::BinaryWriter>(plan, type, v, e, out, err, pseudo, mode)
                                                  : encodeWith<thrift::CompactWriter>(plan, type, v, e, out, err, pseudo, mode);
  if (!ok) {
    out.resize(mark);
  }
  return ok;
}

bool jsonToThrift(const Plan& plan, thrift::Protocol protocol, std::string_view json, std::string& out,
                  TranscodeError& err, const PseudoCall* pseudo) {
  if (plan.rootType == UINT32_MAX) {
    err.kind = ErrorKind::Internal;
    err.status = 500;
    err.code = "internal_error";
    err.message = "plan has no root type";
    return false;
  }
  // A plan with policy slots and no PseudoCall fails closed at the first slot (an empty call resolves nothing).
  static const PseudoCall kNone;
  return encodeJsonValue(plan, protocol, plan.rootType, json, out, err, pseudo ? pseudo : &kNone);
}

}  // namespace sluice::transcode
