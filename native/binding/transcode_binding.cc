#include "registry.h"

namespace sluice::binding {

void registerTranscode(Napi::Env env, Napi::Object exports) {}

}  // namespace sluice::binding
