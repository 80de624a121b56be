#include "registry.h"

namespace sluice::binding {

void registerEngine(Napi::Env env, Napi::Object exports) {}

}  // namespace sluice::binding
