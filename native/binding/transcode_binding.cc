// JS surface of the native transcoder (exports.transcode.*): plan loading, value-level and call-level
// transcoding, framing helpers and an in-process micro-benchmark, for tests, differential testing, the CLI and
// bench/transcode. Every argument is validated here; failures throw JS errors with a SLUICE_E_* code. Nothing
// throws C++ exceptions (NAPI_DISABLE_CPP_EXCEPTIONS).
#include <chrono>
#include <ctime>
#include <string>
#include <vector>

#include "registry.h"
#include "sluice/thrift_wire.h"
#include "sluice/transcode.h"

namespace sluice::binding {
namespace {

namespace tc = sluice::transcode;
namespace th = sluice::thrift;

// Owned by the JS External; deleted by its finalizer when the handle is collected.
struct PlanHolder {
  tc::PlanConstSharedPtr plan;
};

Napi::Value fail(Napi::Env env, const char* code, const std::string& message, bool typeError = false) {
  Napi::Error err = typeError ? Napi::TypeError::New(env, message) : Napi::Error::New(env, message);
  err.Set("code", Napi::String::New(env, code));
  err.ThrowAsJavaScriptException();
  return env.Undefined();
}

Napi::Value badArg(Napi::Env env, const char* expected) {
  return fail(env, "SLUICE_E_NATIVE_BAD_ARGUMENT", std::string("expected ") + expected, true);
}

// Throws the transcoder's error as a JS Error carrying status, errorCode (§6) and field.
Napi::Value failTranscode(Napi::Env env, const tc::TranscodeError& e) {
  Napi::Error err = Napi::Error::New(env, e.message.empty() ? "transcoding failed" : e.message);
  err.Set("code", Napi::String::New(env, "SLUICE_E_NATIVE_TRANSCODE"));
  err.Set("status", Napi::Number::New(env, e.status));
  err.Set("errorCode", Napi::String::New(env, e.code));
  if (!e.field.empty()) {
    err.Set("field", Napi::String::New(env, e.field));
  }
  err.ThrowAsJavaScriptException();
  return env.Undefined();
}

const tc::Plan* planArg(const Napi::CallbackInfo& info, size_t i) {
  if (i >= info.Length() || !info[i].IsExternal()) {
    return nullptr;
  }
  PlanHolder* h = info[i].As<Napi::External<PlanHolder>>().Data();
  return h ? h->plan.get() : nullptr;
}

// Borrows a Uint8Array's bytes: valid for this synchronous call only (the JS array stays alive and unmoved).
bool bytesArg(const Napi::CallbackInfo& info, size_t i, const uint8_t*& p, size_t& n) {
  if (i >= info.Length() || !info[i].IsTypedArray() ||
      info[i].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) {
    return false;
  }
  auto a = info[i].As<Napi::Uint8Array>();
  p = a.Data();
  n = a.ByteLength();
  return true;
}

bool protocolArg(const Napi::CallbackInfo& info, size_t i, th::Protocol& p) {
  if (i >= info.Length() || !info[i].IsString()) return false;
  std::string s = info[i].As<Napi::String>().Utf8Value();
  if (s == "binary") {
    p = th::Protocol::Binary;
  } else if (s == "compact") {
    p = th::Protocol::Compact;
  } else {
    return false;
  }
  return true;
}

bool transportArg(const Napi::CallbackInfo& info, size_t i, th::Transport& t) {
  if (i >= info.Length() || !info[i].IsString()) return false;
  std::string s = info[i].As<Napi::String>().Utf8Value();
  if (s == "framed") {
    t = th::Transport::Framed;
  } else if (s == "buffered") {
    t = th::Transport::Buffered;
  } else if (s == "header") {
    t = th::Transport::Header;
  } else {
    return false;
  }
  return true;
}

Napi::Value bytesResult(Napi::Env env, const std::string& s) {
  return Napi::Buffer<uint8_t>::Copy(env, reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

// loadPlan(blob: Uint8Array): PlanHandle
Napi::Value loadPlan(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const uint8_t* p;
  size_t n;
  if (!bytesArg(info, 0, p, n)) return badArg(env, "(blob: Uint8Array)");
  tc::LoadStatus status;
  tc::PlanConstSharedPtr plan = tc::loadPlan(p, n, status);
  if (!plan) {
    static const char* kWhy[] = {"ok", "bad magic", "unsupported version", "truncated", "bad reference",
                                 "invalid IDL default"};
    return fail(env, "SLUICE_E_NATIVE_PLAN", std::string("plan does not load: ") + kWhy[static_cast<int>(status)]);
  }
  return Napi::External<PlanHolder>::New(env, new PlanHolder{std::move(plan)},
                                         [](Napi::Env, PlanHolder* h) { delete h; });
}

// jsonToThrift(plan, protocol, json: string | Uint8Array): Buffer
Napi::Value jsonToThrift(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const tc::Plan* plan = planArg(info, 0);
  th::Protocol proto;
  if (!plan || !protocolArg(info, 1, proto) || info.Length() < 3) {
    return badArg(env, "(plan, 'binary'|'compact', json: string|Uint8Array)");
  }
  std::string text;
  const uint8_t* p;
  size_t n;
  if (info[2].IsString()) {
    text = info[2].As<Napi::String>().Utf8Value();
  } else if (bytesArg(info, 2, p, n)) {
    text.assign(reinterpret_cast<const char*>(p), n);
  } else {
    return badArg(env, "(plan, 'binary'|'compact', json: string|Uint8Array)");
  }
  std::string out;
  tc::TranscodeError err;
  if (!tc::jsonToThrift(*plan, proto, text, out, err)) return failTranscode(env, err);
  return bytesResult(env, out);
}

// thriftToJson(plan, protocol, bytes: Uint8Array): string
Napi::Value thriftToJson(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const tc::Plan* plan = planArg(info, 0);
  th::Protocol proto;
  const uint8_t* p;
  size_t n;
  if (!plan || !protocolArg(info, 1, proto) || !bytesArg(info, 2, p, n)) {
    return badArg(env, "(plan, 'binary'|'compact', bytes: Uint8Array)");
  }
  std::string out;
  tc::TranscodeError err;
  if (!tc::thriftToJson(*plan, proto, p, n, out, err)) return failTranscode(env, err);
  return Napi::String::New(env, out);
}

std::string stringProp(Napi::Object o, const char* k) {
  Napi::Value v = o.Get(k);
  return v.IsString() ? v.As<Napi::String>().Utf8Value() : std::string();
}

// encodeCall(plan, request: {method, pathParams: Record<string,string>, query, headers: [name, value][],
//            body: Uint8Array|string, target}, seqid: number): Buffer (the framed message)
Napi::Value encodeCall(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const tc::Plan* plan = planArg(info, 0);
  if (!plan || info.Length() < 3 || !info[1].IsObject() || !info[2].IsNumber()) {
    return badArg(env, "(plan, request: object, seqid: number)");
  }
  Napi::Object req = info[1].As<Napi::Object>();
  // Storage for every view the RequestView holds; lives until the end of this call.
  std::string method = stringProp(req, "method"), query = stringProp(req, "query"), target = stringProp(req, "target");
  std::string body;
  Napi::Value bodyV = req.Get("body");
  if (bodyV.IsString()) {
    body = bodyV.As<Napi::String>().Utf8Value();
  } else if (bodyV.IsTypedArray()) {
    auto a = bodyV.As<Napi::Uint8Array>();
    body.assign(reinterpret_cast<const char*>(a.Data()), a.ByteLength());
  }
  std::vector<std::string> store;
  std::vector<std::pair<size_t, size_t>> pathIdx, headerIdx;
  Napi::Value pp = req.Get("pathParams");
  if (pp.IsObject()) {
    Napi::Object o = pp.As<Napi::Object>();
    Napi::Array keys = o.GetPropertyNames();
    for (uint32_t i = 0; i < keys.Length(); ++i) {
      std::string k = keys.Get(i).As<Napi::String>().Utf8Value();
      Napi::Value v = o.Get(k);
      store.push_back(k);
      store.push_back(v.IsString() ? v.As<Napi::String>().Utf8Value() : std::string());
      pathIdx.emplace_back(store.size() - 2, store.size() - 1);
    }
  }
  Napi::Value hv = req.Get("headers");
  if (hv.IsArray()) {
    Napi::Array arr = hv.As<Napi::Array>();
    for (uint32_t i = 0; i < arr.Length(); ++i) {
      Napi::Value pair = arr.Get(i);
      if (!pair.IsArray() || pair.As<Napi::Array>().Length() != 2) {
        return badArg(env, "headers as [name, value] pairs");
      }
      Napi::Array pa = pair.As<Napi::Array>();
      store.push_back(pa.Get(uint32_t{0}).ToString().Utf8Value());
      store.push_back(pa.Get(uint32_t{1}).ToString().Utf8Value());
      headerIdx.emplace_back(store.size() - 2, store.size() - 1);
    }
  }
  std::vector<tc::NameValue> paths, headers;
  for (auto& [k, v] : pathIdx) paths.push_back({store[k], store[v]});
  for (auto& [k, v] : headerIdx) headers.push_back({store[k], store[v]});
  tc::RequestView view;
  view.method = method;
  view.pathParams = paths.data();
  view.pathParamCount = paths.size();
  view.rawQuery = query;
  view.headers = headers.data();
  view.headerCount = headers.size();
  view.body = body;
  view.rawTarget = target;
  std::string out;
  tc::TranscodeError err;
  if (!tc::encodeCall(*plan, view, info[2].As<Napi::Number>().Int32Value(), out, err)) {
    return failTranscode(env, err);
  }
  return bytesResult(env, out);
}

// decodeReply(plan, message: Uint8Array): {status, headers: [name, value][], body: string, errorCode: string}
Napi::Value decodeReply(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const tc::Plan* plan = planArg(info, 0);
  const uint8_t* p;
  size_t n;
  if (!plan || !bytesArg(info, 1, p, n)) return badArg(env, "(plan, message: Uint8Array)");
  tc::ResponseOut out;
  tc::decodeReply(*plan, p, n, out);
  Napi::Object r = Napi::Object::New(env);
  r.Set("status", Napi::Number::New(env, out.status));
  Napi::Array hs = Napi::Array::New(env, out.headers.size());
  for (size_t i = 0; i < out.headers.size(); ++i) {
    Napi::Array pair = Napi::Array::New(env, 2);
    pair.Set(uint32_t{0}, Napi::String::New(env, out.headers[i].first));
    pair.Set(uint32_t{1}, Napi::String::New(env, out.headers[i].second));
    hs.Set(static_cast<uint32_t>(i), pair);
  }
  r.Set("headers", hs);
  r.Set("body", Napi::String::New(env, out.body));
  r.Set("errorCode", Napi::String::New(env, out.errorCode));
  return r;
}

// findMessageEnd(transport, protocol, bytes, maxFrameBytes?): {status, frameLength, payloadOffset, payloadLength, protocol}
Napi::Value findMessageEnd(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  th::Transport t;
  th::Protocol proto;
  const uint8_t* p;
  size_t n;
  if (!transportArg(info, 0, t) || !protocolArg(info, 1, proto) || !bytesArg(info, 2, p, n)) {
    return badArg(env, "('framed'|'buffered'|'header', 'binary'|'compact', bytes: Uint8Array, maxFrameBytes?)");
  }
  uint32_t max = info.Length() > 3 && info[3].IsNumber() ? info[3].As<Napi::Number>().Uint32Value()
                                                          : th::kDefaultMaxFrameBytes;
  th::FrameScan s = th::findMessageEnd(t, proto, p, n, max);
  Napi::Object r = Napi::Object::New(env);
  r.Set("status", Napi::String::New(env, s.status == th::ScanStatus::Complete   ? "complete"
                                         : s.status == th::ScanStatus::NeedMore ? "need_more"
                                                                                : "invalid"));
  r.Set("frameLength", Napi::Number::New(env, static_cast<double>(s.frameLength)));
  r.Set("payloadOffset", Napi::Number::New(env, static_cast<double>(s.payloadOffset)));
  r.Set("payloadLength", Napi::Number::New(env, static_cast<double>(s.payloadLength)));
  r.Set("protocol", Napi::String::New(env, s.headerProtocol == th::Protocol::Compact ? "compact" : "binary"));
  return r;
}

// frameMessage(transport, protocol, seqid, message): Buffer
Napi::Value frameMessage(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  th::Transport t;
  th::Protocol proto;
  const uint8_t* p;
  size_t n;
  if (!transportArg(info, 0, t) || !protocolArg(info, 1, proto) || info.Length() < 4 || !info[2].IsNumber() ||
      !bytesArg(info, 3, p, n)) {
    return badArg(env, "(transport, protocol, seqid: number, message: Uint8Array)");
  }
  std::string out;
  th::frameMessage(t, proto, info[2].As<Napi::Number>().Int32Value(), p, n, out);
  return bytesResult(env, out);
}

// readSeqid(transport, protocol, frame): number | undefined
Napi::Value readSeqid(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  th::Transport t;
  th::Protocol proto;
  const uint8_t* p;
  size_t n;
  if (!transportArg(info, 0, t) || !protocolArg(info, 1, proto) || !bytesArg(info, 2, p, n)) {
    return badArg(env, "(transport, protocol, frame: Uint8Array)");
  }
  int32_t seqid;
  if (!th::readSeqid(t, proto, p, n, seqid)) return env.Undefined();
  return Napi::Number::New(env, seqid);
}

// rewriteSeqid(transport, protocol, frame, seqid): Buffer | undefined (a new frame; the input is not modified)
Napi::Value rewriteSeqid(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  th::Transport t;
  th::Protocol proto;
  const uint8_t* p;
  size_t n;
  if (!transportArg(info, 0, t) || !protocolArg(info, 1, proto) || !bytesArg(info, 2, p, n) || info.Length() < 4 ||
      !info[3].IsNumber()) {
    return badArg(env, "(transport, protocol, frame: Uint8Array, seqid: number)");
  }
  std::string frame(reinterpret_cast<const char*>(p), n);
  if (!th::rewriteSeqid(t, proto, frame, info[3].As<Napi::Number>().Int32Value())) return env.Undefined();
  return bytesResult(env, frame);
}

// bench(plan, protocol, json: string, iterations): {encodeNs, decodeNs (thread CPU time), encodeWallNs,
// decodeWallNs, bytes, jsonBytes} — per message, measured in C++ so the numbers exclude N-API crossings.
Napi::Value bench(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const tc::Plan* plan = planArg(info, 0);
  th::Protocol proto;
  if (!plan || !protocolArg(info, 1, proto) || info.Length() < 4 || !info[2].IsString() || !info[3].IsNumber()) {
    return badArg(env, "(plan, protocol, json: string, iterations: number)");
  }
  std::string json = info[2].As<Napi::String>().Utf8Value();
  int64_t iters = info[3].As<Napi::Number>().Int64Value();
  if (iters < 1) iters = 1;
  std::string bytes, text;
  tc::TranscodeError err;
  if (!tc::jsonToThrift(*plan, proto, json, bytes, err)) return failTranscode(env, err);
  // Thread CPU time, so that other processes competing for the cores do not inflate the numbers.
  auto cpuNs = [] {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
  };
  using Clock = std::chrono::steady_clock;
  double c0 = cpuNs();
  auto t0 = Clock::now();
  for (int64_t i = 0; i < iters; ++i) {
    bytes.clear();
    tc::jsonToThrift(*plan, proto, json, bytes, err);
  }
  double c1 = cpuNs();
  auto t1 = Clock::now();
  for (int64_t i = 0; i < iters; ++i) {
    text.clear();
    tc::thriftToJson(*plan, proto, reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), text, err);
  }
  double c2 = cpuNs();
  auto t2 = Clock::now();
  Napi::Object r = Napi::Object::New(env);
  const double n = static_cast<double>(iters);
  r.Set("encodeNs", Napi::Number::New(env, (c1 - c0) / n));
  r.Set("decodeNs", Napi::Number::New(env, (c2 - c1) / n));
  r.Set("encodeWallNs", Napi::Number::New(env, std::chrono::duration<double, std::nano>(t1 - t0).count() / n));
  r.Set("decodeWallNs", Napi::Number::New(env, std::chrono::duration<double, std::nano>(t2 - t1).count() / n));
  r.Set("bytes", Napi::Number::New(env, static_cast<double>(bytes.size())));
  r.Set("jsonBytes", Napi::Number::New(env, static_cast<double>(text.size())));
  return r;
}

}  // namespace

void registerTranscode(Napi::Env env, Napi::Object exports) {
  Napi::Object t = Napi::Object::New(env);
  t.Set("loadPlan", Napi::Function::New(env, loadPlan));
  t.Set("jsonToThrift", Napi::Function::New(env, jsonToThrift));
  t.Set("thriftToJson", Napi::Function::New(env, thriftToJson));
  t.Set("encodeCall", Napi::Function::New(env, encodeCall));
  t.Set("decodeReply", Napi::Function::New(env, decodeReply));
  t.Set("findMessageEnd", Napi::Function::New(env, findMessageEnd));
  t.Set("frameMessage", Napi::Function::New(env, frameMessage));
  t.Set("readSeqid", Napi::Function::New(env, readSeqid));
  t.Set("rewriteSeqid", Napi::Function::New(env, rewriteSeqid));
  t.Set("bench", Napi::Function::New(env, bench));
  exports.Set("transcode", t);
}

}  // namespace sluice::binding
