// JS surface of the native pseudonymization primitives (exports.pseudo.*), for tests, benchmarks and
// the CLI. Every argument is validated here; failures throw JS errors with a SLUICE_E_* code and a
// value-free message. Nothing throws C++ exceptions (NAPI_DISABLE_CPP_EXCEPTIONS).
#include <string>
#include <vector>

#include "registry.h"
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

}  // namespace

void registerPseudo(Napi::Env env, Napi::Object exports) {
  Napi::Object p = Napi::Object::New(env);
  p.Set("sivEncrypt", Napi::Function::New(env, [](const Napi::CallbackInfo& i) { return siv(i, true); }));
  p.Set("sivDecrypt", Napi::Function::New(env, [](const Napi::CallbackInfo& i) { return siv(i, false); }));
  p.Set("ff1Encrypt", Napi::Function::New(env, [](const Napi::CallbackInfo& i) { return ff1(i, true); }));
  p.Set("ff1Decrypt", Napi::Function::New(env, [](const Napi::CallbackInfo& i) { return ff1(i, false); }));
  p.Set("hmacSha256", Napi::Function::New(env, hmac));
  p.Set("mask", Napi::Function::New(env, maskValue));
  exports.Set("pseudo", p);
}

}  // namespace sluice::binding
