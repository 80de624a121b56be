// Each binding file adds its functions to the addon's exports; addon.cc calls every one of them.
#pragma once
#include <napi.h>

namespace sluice::binding {

void registerEngine(Napi::Env env, Napi::Object exports);     // engine_binding.cc: workers, snapshots, counters
void registerTranscode(Napi::Env env, Napi::Object exports);  // transcode_binding.cc: JSON<->Thrift for tests/CLI
void registerPseudo(Napi::Env env, Napi::Object exports);     // pseudo_binding.cc: crypto primitives

}  // namespace sluice::binding
