// JS surface of the native pseudonymization primitives (exports.pseudo.*), for tests, benchmarks and
// the CLI. Every argument is validated here; failures throw JS errors with a SLUICE_E_* code and a
// value-free message. Nothing throws C++ exceptions (NAPI_DISABLE_CPP_EXCEPTIONS).
#include <chrono>
#include <string>
#include <vector>

#include "registry.h"
#include "sluice/pseudo.h"
#include "sluice/pseudo_primitives.h"

namespace sluice::binding {
namespace {

namespace ps = sluice::pseudo;

Napi::Value fail(Napi::Env env, const char* code, const std::string& message, bool typeError = false) {
  Napi::Error err = typeError ? Napi::TypeError::New(env, message) : Napi::Error::New(env, message);
  err.Set("code", Napi::String::New(env, code));
  err.ThrowAsJavaScriptException();
  return env.Undefined();
}

Napi::Value failStatus(Napi::Env env, ps::Status s) {
  const char* code = s == ps::Status::BadKey       ? "SLUICE_E_PSEUDO_BAD_KEY"
                     : s == ps::Status::BadInput   ? "SLUICE_E_PSEUDO_BAD_INPUT"
                     : s == ps::Status::AuthFailed ? "SLUICE_E_PSEUDO_AUTH_FAILED"
                                                   : "SLUICE_E_NATIVE_CRYPTO";
  return fail(env, code, ps::statusMessage(s));
}

// Borrows the bytes of a Uint8Array argument. The span points into the JS array's backing store,
// which stays alive (and unmoved) for the duration of this synchronous call.
bool bytesArg(const Napi::CallbackInfo& info, size_t i, ps::ByteSpan& out) {
  if (i >= info.Length() || !info[i].IsTypedArray() ||
      info[i].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) {
    return false;
  }
  auto a = info[i].As<Napi::Uint8Array>();
  out = ps::ByteSpan(a.Data(), a.ByteLength());
  return true;
}

bool adArg(const Napi::CallbackInfo& info, size_t i, std::vector<ps::ByteSpan>& out) {
  if (i >= info.Length() || !info[i].IsArray()) {
    return false;
  }
  auto arr = info[i].As<Napi::Array>();
  for (uint32_t k = 0; k < arr.Length(); k++) {
    Napi::Value v = arr.Get(k);
    if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) {
      return false;
    }
    auto a = v.As<Napi::Uint8Array>();
    out.emplace_back(a.Data(), a.ByteLength());
  }
  return true;
}

Napi::Value bytesResult(Napi::Env env, const std::vector<uint8_t>& bytes) {
  return Napi::Buffer<uint8_t>::Copy(env, bytes.data(), bytes.size());
}

Napi::Value siv(const Napi::CallbackInfo& info, bool encrypt) {
  Napi::Env env = info.Env();
  ps::ByteSpan key, data;
  std::vector<ps::ByteSpan> ad;
  if (!bytesArg(info, 0, key) || !adArg(info, 1, ad) || !bytesArg(info, 2, data)) {
    return fail(env, "SLUICE_E_NATIVE_BAD_ARGUMENT", "expected (key: Uint8Array, ad: Uint8Array[], data: Uint8Array)", true);
  }
  std::vector<uint8_t> out;
  ps::Status s = encrypt ? ps::sivEncrypt(key, ad, data, out) : ps::sivDecrypt(key, ad, data, out);
  return s == ps::Status::Ok ? bytesResult(env, out) : failStatus(env, s);
}

Napi::Value ff1(const Napi::CallbackInfo& info, bool encrypt) {
  Napi::Env env = info.Env();
  ps::ByteSpan key, tweak;
  if (!bytesArg(info, 0, key) || !bytesArg(info, 1, tweak) || info.Length() < 4 || !info[2].IsNumber() ||
      !info[3].IsTypedArray() || info[3].As<Napi::TypedArray>().TypedArrayType() != napi_uint32_array) {
    return fail(env, "SLUICE_E_NATIVE_BAD_ARGUMENT",
                "expected (key: Uint8Array, tweak: Uint8Array, radix: number, numerals: Uint32Array)", true);
  }
  double radix = info[2].As<Napi::Number>().DoubleValue();
  if (!(radix >= ps::kFf1MinRadix && radix <= ps::kFf1MaxRadix) || radix != static_cast<double>(static_cast<uint32_t>(radix))) {
    return failStatus(env, ps::Status::BadInput);
  }
  auto arr = info[3].As<Napi::Uint32Array>();
  std::vector<uint32_t> in(arr.Data(), arr.Data() + arr.ElementLength());
  std::vector<uint32_t> out;
  auto r = static_cast<uint32_t>(radix);
  ps::Status s = encrypt ? ps::ff1Encrypt(key, tweak, r, in, out) : ps::ff1Decrypt(key, tweak, r, in, out);
  if (s != ps::Status::Ok) {
    return failStatus(env, s);
  }
  auto result = Napi::Uint32Array::New(env, out.size());
  std::copy(out.begin(), out.end(), result.Data());
  return result;
}

Napi::Value hmac(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ps::ByteSpan key, data;
  if (!bytesArg(info, 0, key) || !bytesArg(info, 1, data)) {
    return fail(env, "SLUICE_E_NATIVE_BAD_ARGUMENT", "expected (key: Uint8Array, data: Uint8Array)", true);
  }
  std::vector<uint8_t> out;
  ps::Status s = ps::hmacSha256(key, data, out);
  return s == ps::Status::Ok ? bytesResult(env, out) : failStatus(env, s);
}

Napi::Value maskValue(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 2 || !info[0].IsString() || !info[1].IsObject()) {
    return fail(env, "SLUICE_E_NATIVE_BAD_ARGUMENT", "expected (value: string, opts: {keepFirst, keepLast, char, skip})", true);
  }
  auto o = info[1].As<Napi::Object>();
  ps::MaskOptions opts;
  auto num = [&](const char* name, uint32_t& dst) {
    Napi::Value v = o.Get(name);
    if (v.IsNumber()) {
      dst = v.As<Napi::Number>().Uint32Value();
    }
  };
  num("keepFirst", opts.keepFirst);
  num("keepLast", opts.keepLast);
  if (o.Get("char").IsString()) {
    opts.maskChar = o.Get("char").As<Napi::String>().Utf8Value();
  }
  if (o.Get("skip").IsString()) {
    opts.skip = o.Get("skip").As<Napi::String>().Utf8Value();
  }
  return Napi::String::New(env, ps::mask(info[0].As<Napi::String>().Utf8Value(), opts));
}

// ---- Policies: createPolicy(spec) -> handle; policyForward/Reverse(handle, string); ...Int(handle, bigint, 'i32'|'i64').

// Owned by the JS External: freed (and the policy's keys wiped) when the handle is garbage-collected.
struct PolicyHandle {
  ps::PolicyConstSharedPtr policy;
};

bool stringProp(Napi::Object o, const char* name, std::string& out, bool required = false) {
  Napi::Value v = o.Get(name);
  if (v.IsUndefined()) {
    return !required;
  }
  if (!v.IsString()) {
    return false;
  }
  out = v.As<Napi::String>().Utf8Value();
  return true;
}

bool bytesProp(Napi::Object o, const char* name, std::vector<uint8_t>& out) {
  Napi::Value v = o.Get(name);
  if (v.IsUndefined()) {
    return true;
  }
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) {
    return false;
  }
  auto a = v.As<Napi::Uint8Array>();
  out.assign(a.Data(), a.Data() + a.ByteLength());
  return true;
}

template <typename E>
bool enumProp(Napi::Object o, const char* name, std::initializer_list<std::pair<const char*, E>> table, E& out) {
  std::string text;
  if (!stringProp(o, name, text)) {
    return false;
  }
  if (o.Get(name).IsUndefined()) {
    return true;
  }
  for (const auto& [label, value] : table) {
    if (text == label) {
      out = value;
      return true;
    }
  }
  return false;
}

Napi::Value createPolicy(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsObject()) {
    return fail(env, "SLUICE_E_NATIVE_BAD_ARGUMENT", "expected a policy spec object", true);
  }
  auto o = info[0].As<Napi::Object>();
  ps::PolicySpec spec;
  bool ok = stringProp(o, "name", spec.name, true) && stringProp(o, "domain", spec.domain) &&
            stringProp(o, "keyId", spec.keyId) && bytesProp(o, "key", spec.key) &&
            stringProp(o, "alphabet", spec.alphabet) && stringProp(o, "passthrough", spec.passthrough) &&
            stringProp(o, "maskChar", spec.mask.maskChar) && stringProp(o, "constant", spec.constant) &&
            enumProp<ps::Method>(o, "method", {{"siv", ps::Method::Siv}, {"ff1", ps::Method::Ff1}, {"hmac", ps::Method::Hmac},
                                               {"mask", ps::Method::Mask}, {"redact", ps::Method::Redact}, {"constant", ps::Method::Constant}}, spec.method) &&
            enumProp<ps::OnError>(o, "onError", {{"fail", ps::OnError::Fail}, {"pass", ps::OnError::Pass}}, spec.onError) &&
            enumProp<ps::EmailMode>(o, "email", {{"none", ps::EmailMode::None}, {"keep", ps::EmailMode::Keep}, {"pseudonymize", ps::EmailMode::Pseudonymize}}, spec.email) &&
            enumProp<ps::MacEncoding>(o, "encoding", {{"hex", ps::MacEncoding::Hex}, {"base32", ps::MacEncoding::Base32}, {"base64url", ps::MacEncoding::Base64Url}}, spec.encoding);
  if (ok && o.Get("emailNormalizeCase").IsBoolean()) {
    spec.emailNormalizeCase = o.Get("emailNormalizeCase").As<Napi::Boolean>().Value();
  }
  for (const char* k : {"keepFirst", "keepLast"}) {
    Napi::Value v = o.Get(k);
    if (ok && v.IsNumber()) {
      (std::string(k) == "keepFirst" ? spec.mask.keepFirst : spec.mask.keepLast) = v.As<Napi::Number>().Uint32Value();
    }
  }
  Napi::Value sivKeys = o.Get("sivKeys");
  if (ok && sivKeys.IsArray()) {
    auto arr = sivKeys.As<Napi::Array>();
    for (uint32_t i = 0; ok && i < arr.Length(); i++) {
      Napi::Value pair = arr.Get(i);
      if (!pair.IsArray() || pair.As<Napi::Array>().Length() != 2 || !pair.As<Napi::Array>().Get(0u).IsString()) {
        ok = false;
        break;
      }
      Napi::Object entry = Napi::Object::New(env);
      entry.Set("k", pair.As<Napi::Array>().Get(1u));
      std::vector<uint8_t> key;
      ok = bytesProp(entry, "k", key);
      spec.sivKeys.emplace_back(pair.As<Napi::Array>().Get(0u).As<Napi::String>().Utf8Value(), std::move(key));
    }
  }
  if (!ok) {
    return fail(env, "SLUICE_E_NATIVE_BAD_ARGUMENT", "policy spec has a field of the wrong type", true);
  }
  std::string error;
  ps::PolicyConstSharedPtr policy = ps::createPolicy(std::move(spec), error);
  if (!policy) {
    return fail(env, "SLUICE_E_PSEUDO_CONFIG_INVALID", error);
  }
  return Napi::External<PolicyHandle>::New(env, new PolicyHandle{std::move(policy)},
                                           [](Napi::Env, PolicyHandle* h) { delete h; });
}

const char* fieldStatusName(ps::FieldStatus s) {
  switch (s) {
    case ps::FieldStatus::Transformed:
      return "transformed";
    case ps::FieldStatus::Unchanged:
      return "unchanged";
    case ps::FieldStatus::PassedOnError:
      return "passed_on_error";
    case ps::FieldStatus::Rejected:
      return "rejected";
  }
  return "rejected";
}

const ps::Policy* policyArg(const Napi::CallbackInfo& info) {
  if (info.Length() < 1 || !info[0].IsExternal()) {
    return nullptr;
  }
  PolicyHandle* h = info[0].As<Napi::External<PolicyHandle>>().Data();
  return h == nullptr ? nullptr : h->policy.get();
}

Napi::Value fieldResult(Napi::Env env, ps::FieldResult r, Napi::Value value) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("status", Napi::String::New(env, fieldStatusName(r.status)));
  o.Set("value", value);
  if (r.reason != ps::Status::Ok) {
    o.Set("reason", Napi::String::New(env, ps::statusMessage(r.reason)));
  }
  return o;
}

Napi::Value policyString(const Napi::CallbackInfo& info, bool forward) {
  Napi::Env env = info.Env();
  const ps::Policy* p = policyArg(info);
  if (p == nullptr || info.Length() < 2 || !info[1].IsString()) {
    return fail(env, "SLUICE_E_NATIVE_BAD_ARGUMENT", "expected (policy handle, value: string)", true);
  }
  std::string in = info[1].As<Napi::String>().Utf8Value();
  std::string out;
  ps::FieldResult r = forward ? p->forward(in, out) : p->reverse(in, out);
  return fieldResult(env, r, Napi::String::New(env, out));
}

Napi::Value policyInt(const Napi::CallbackInfo& info, bool forward) {
  Napi::Env env = info.Env();
  const ps::Policy* p = policyArg(info);
  if (p == nullptr || info.Length() < 3 || !info[1].IsBigInt() || !info[2].IsString()) {
    return fail(env, "SLUICE_E_NATIVE_BAD_ARGUMENT", "expected (policy handle, value: bigint, type: 'i32' | 'i64')", true);
  }
  bool lossless = false;
  int64_t in = info[1].As<Napi::BigInt>().Int64Value(&lossless);
  std::string type = info[2].As<Napi::String>().Utf8Value();
  if (!lossless || (type != "i32" && type != "i64")) {
    return fail(env, "SLUICE_E_NATIVE_BAD_ARGUMENT", "value must fit in 64 bits and type must be i32 or i64", true);
  }
  ps::IntWidth w = type == "i32" ? ps::IntWidth::I32 : ps::IntWidth::I64;
  int64_t out = 0;
  ps::FieldResult r = forward ? p->forwardInt(in, w, out) : p->reverseInt(in, w, out);
  return fieldResult(env, r, Napi::BigInt::New(env, out));
}

// Benchmark hook: runs policy->forward(value) `iterations` times inside C++ and returns the elapsed
// nanoseconds, i.e. the per-field cost the data plane pays without any N-API crossing.
Napi::Value policyForwardLoop(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const ps::Policy* p = policyArg(info);
  if (p == nullptr || info.Length() < 3 || !info[1].IsString() || !info[2].IsNumber()) {
    return fail(env, "SLUICE_E_NATIVE_BAD_ARGUMENT", "expected (policy handle, value: string, iterations: number)", true);
  }
  std::string in = info[1].As<Napi::String>().Utf8Value();
  uint32_t n = info[2].As<Napi::Number>().Uint32Value();
  std::string out;
  auto start = std::chrono::steady_clock::now();
  for (uint32_t i = 0; i < n; i++) {
    p->forward(in, out);
  }
  auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count();
  return Napi::Number::New(env, static_cast<double>(ns));
}

}  // namespace

void registerPseudo(Napi::Env env, Napi::Object exports) {
  Napi::Object p = Napi::Object::New(env);
  p.Set("sivEncrypt", Napi::Function::New(env, [](const Napi::CallbackInfo& i) { return siv(i, true); }));
  p.Set("sivDecrypt", Napi::Function::New(env, [](const Napi::CallbackInfo& i) { return siv(i, false); }));
  p.Set("ff1Encrypt", Napi::Function::New(env, [](const Napi::CallbackInfo& i) { return ff1(i, true); }));
  p.Set("ff1Decrypt", Napi::Function::New(env, [](const Napi::CallbackInfo& i) { return ff1(i, false); }));
  p.Set("hmacSha256", Napi::Function::New(env, hmac));
  p.Set("mask", Napi::Function::New(env, maskValue));
  p.Set("createPolicy", Napi::Function::New(env, createPolicy));
  p.Set("policyForward", Napi::Function::New(env, [](const Napi::CallbackInfo& i) { return policyString(i, true); }));
  p.Set("policyReverse", Napi::Function::New(env, [](const Napi::CallbackInfo& i) { return policyString(i, false); }));
  p.Set("policyForwardInteger", Napi::Function::New(env, [](const Napi::CallbackInfo& i) { return policyInt(i, true); }));
  p.Set("policyReverseInteger", Napi::Function::New(env, [](const Napi::CallbackInfo& i) { return policyInt(i, false); }));
  p.Set("policyForwardLoop", Napi::Function::New(env, policyForwardLoop));
  exports.Set("pseudo", p);
}

}  // namespace sluice::binding
