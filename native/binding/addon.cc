// N-API entry point. This folder is the only place that includes napi.h.
#include <napi.h>

namespace {

Napi::Object init(Napi::Env env, Napi::Object exports) {
  exports.Set("abiVersion", Napi::Number::New(env, 1));
  return exports;
}

}  // namespace

NODE_API_MODULE(sluice_native, init)
