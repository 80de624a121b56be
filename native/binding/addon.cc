// N-API entry point. The binding/ folder is the only place that includes napi.h.
#include "registry.h"

namespace {

Napi::Object init(Napi::Env env, Napi::Object exports) {
  exports.Set("abiVersion", Napi::Number::New(env, 1));
  sluice::binding::registerEngine(env, exports);
  sluice::binding::registerTranscode(env, exports);
  sluice::binding::registerPseudo(env, exports);
  return exports;
}

}  // namespace

NODE_API_MODULE(sluice_native, init)
