#include "registry.h"

namespace sluice::binding {

void registerPseudo(Napi::Env env, Napi::Object exports) {}

}  // namespace sluice::binding
