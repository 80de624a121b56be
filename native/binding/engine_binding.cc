// N-API surface of the data-plane engine. Control-plane calls only: start, publish, stats, drain.
// No per-request crossing exists; counters are summed here on demand.
#include <memory>
#include <string>

#include "engine/counters.h"
#include "engine/engine.h"
#include "engine/snapshot.h"
#include "engine/thrift_listener_counters.h"
#include "engine/worker.h"
#include "registry.h"

namespace sluice::binding {
namespace {

void throwCode(Napi::Env env, const char* code, const std::string& msg, bool typeError = false) {
  Napi::Error e = typeError ? Napi::TypeError::New(env, msg) : Napi::Error::New(env, msg);
  e.Set("code", Napi::String::New(env, code));
  e.ThrowAsJavaScriptException();
}

bool readBytes(Napi::Env env, Napi::Value v, const uint8_t** data, size_t* len) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) {
    throwCode(env, "SLUICE_E_NATIVE_BAD_ARGUMENT", "snapshot must be a Uint8Array", true);
    return false;
  }
  Napi::Uint8Array a = v.As<Napi::Uint8Array>();
  *data = a.Data();
  *len = a.ByteLength();
  return true;
}

bool readU64(Napi::Object o, const char* key, uint64_t* out) {
  Napi::Value v = o.Get(key);
  if (v.IsUndefined()) { return true; }
  if (!v.IsNumber() || v.As<Napi::Number>().DoubleValue() < 0) {
    throwCode(o.Env(), "SLUICE_E_NATIVE_BAD_ARGUMENT", std::string("limits.") + key + " must be a non-negative number", true);
    return false;
  }
  *out = static_cast<uint64_t>(v.As<Napi::Number>().DoubleValue());
  return true;
}

/// Joins the worker threads off the JS thread and settles a promise.
class WaitStopped final : public Napi::AsyncWorker {
 public:
  WaitStopped(Napi::Env env, Engine* engine) : Napi::AsyncWorker(env), engine_(engine), deferred_(Napi::Promise::Deferred::New(env)) {}
  void Execute() override { engine_->waitStopped(); }
  void OnOK() override { deferred_.Resolve(Env().Undefined()); }
  Napi::Promise promise() { return deferred_.Promise(); }

 private:
  Engine* engine_;  // Not owned; the NativeEngine keeps it alive (it refuses to free while joining).
  Napi::Promise::Deferred deferred_;
};

class NativeEngine final : public Napi::ObjectWrap<NativeEngine> {
 public:
  static Napi::Function define(Napi::Env env) {
    return DefineClass(env, "NativeEngine",
                       {InstanceMethod("publish", &NativeEngine::publish), InstanceMethod("stats", &NativeEngine::stats),
                        InstanceMethod("drain", &NativeEngine::drain), InstanceMethod("drainAudit", &NativeEngine::drainAudit)});
  }

  explicit NativeEngine(const Napi::CallbackInfo& info) : Napi::ObjectWrap<NativeEngine>(info) {}
  ~NativeEngine() override {
    // GC of a still-running engine: stop it synchronously (no JS is waiting on it any more).
    if (engine_) {
      engine_->drain(0);
      engine_->waitStopped();
    }
  }

  void adopt(std::unique_ptr<Engine> e) { engine_ = std::move(e); }

 private:
  Napi::Value publish(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    const uint8_t* data = nullptr;
    size_t len = 0;
    if (!readBytes(env, info[0], &data, &len)) { return env.Undefined(); }
    std::string why;
    std::shared_ptr<Snapshot> s = decodeSnapshot(data, len, &why);
    if (!s) {
      throwCode(env, "SLUICE_E_NATIVE_BAD_SNAPSHOT", why);
      return env.Undefined();
    }
    engine_->publish(std::move(s));
    return env.Undefined();
  }

  Napi::Value stats(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    Napi::Object out = Napi::Object::New(env);
    Napi::Array workers = Napi::Array::New(env);
    uint32_t i = 0;
    for (const auto& w : engine_->workers()) {
      const WorkerCounters& c = w->counters();
      Napi::Object o = Napi::Object::New(env);
      o.Set("activeConnections", static_cast<double>(c.activeConnections.get()));
      o.Set("acceptedConnections", static_cast<double>(c.acceptedConnections.get()));
      o.Set("requests", static_cast<double>(c.requests.get()));
      o.Set("upstreamErrors", static_cast<double>(c.upstreamErrors.get()));
      o.Set("upstreamTimeouts", static_cast<double>(c.upstreamTimeouts.get()));
      o.Set("upstreamUnavailable", static_cast<double>(c.upstreamUnavailable.get()));
      o.Set("upstreamRetries", static_cast<double>(c.upstreamRetries.get()));
      o.Set("upstreamConnects", static_cast<double>(c.upstreamConnects.get()));
      o.Set("poolIdle", static_cast<double>(c.poolIdle.get()));
      o.Set("poolActive", static_cast<double>(c.poolActive.get()));
      o.Set("enobufs", static_cast<double>(c.enobufs.get()));
      o.Set("badRequests", static_cast<double>(c.badRequests.get()));
      o.Set("unmatched", static_cast<double>(c.unmatched.get()));
      workers.Set(i++, o);
    }
    out.Set("workers", workers);
    Napi::Array bounds = Napi::Array::New(env);
    for (size_t b = 0; b + 1 < kLatencyBuckets; b++) { bounds.Set(static_cast<uint32_t>(b), static_cast<double>(kLatencyBoundsUs[b])); }
    out.Set("latencyBoundsUs", bounds);
    Napi::Array routes = Napi::Array::New(env);
    uint32_t r = 0;
    engine_->registry().forEach([&](RouteCounters& rc) {
      Napi::Object o = Napi::Object::New(env);
      o.Set("id", rc.id());
      Napi::Array cls = Napi::Array::New(env);
      for (int k = 1; k <= 5; k++) { cls.Set(static_cast<uint32_t>(k - 1), static_cast<double>(rc.byClass(k))); }
      o.Set("byClass", cls);
      Napi::Array lat = Napi::Array::New(env);
      for (size_t b = 0; b < kLatencyBuckets; b++) { lat.Set(static_cast<uint32_t>(b), static_cast<double>(rc.latencyBucket(b))); }
      o.Set("latency", lat);
      o.Set("latencySumUs", static_cast<double>(rc.latencySumUs()));
      routes.Set(r++, o);
    });
    out.Set("routes", routes);
    Napi::Array listeners = Napi::Array::New(env);
    uint32_t li = 0;
    for (const auto& lc : engine_->listenerCounters()) {
      Napi::Object o = Napi::Object::New(env);
      o.Set("listen", lc->listen());
      o.Set("port", static_cast<double>(lc->port));
      o.Set("accepted", static_cast<double>(lc->sum(&ListenerSlot::accepted)));
      o.Set("active", static_cast<double>(lc->sum(&ListenerSlot::active)));
      o.Set("calls", static_cast<double>(lc->sum(&ListenerSlot::calls)));
      o.Set("oneway", static_cast<double>(lc->sum(&ListenerSlot::oneway)));
      o.Set("replies", static_cast<double>(lc->sum(&ListenerSlot::replies)));
      o.Set("translated", static_cast<double>(lc->sum(&ListenerSlot::translated)));
      o.Set("unknownMethods", static_cast<double>(lc->sum(&ListenerSlot::unknownMethods)));
      o.Set("appErrors", static_cast<double>(lc->sum(&ListenerSlot::appErrors)));
      o.Set("upstreamErrors", static_cast<double>(lc->sum(&ListenerSlot::upstreamErrors)));
      o.Set("upstreamTimeouts", static_cast<double>(lc->sum(&ListenerSlot::upstreamTimeouts)));
      o.Set("protocolErrors", static_cast<double>(lc->sum(&ListenerSlot::protocolErrors)));
      listeners.Set(li++, o);
    }
    out.Set("thriftListeners", listeners);
    // Pseudonymization outcome counts per policy (contract §7; counts only, never values).
    static const char* const kDirections[] = {"forward", "reverse"};
    static const char* const kOutcomes[] = {"transformed", "unchanged", "passed_on_error", "rejected"};
    Napi::Array pseudo = Napi::Array::New(env);
    uint32_t pi = 0;
    engine_->registry().forEachPolicy([&](PseudoCounters& pc) {
      for (size_t d = 0; d < kPseudoDirections; d++) {
        for (size_t o = 0; o < kPseudoOutcomes; o++) {
          uint64_t n = pc.total(d, o);
          if (n == 0) { continue; }
          Napi::Object row = Napi::Object::New(env);
          row.Set("policy", pc.policy());
          row.Set("direction", kDirections[d]);
          row.Set("outcome", kOutcomes[o]);
          row.Set("count", static_cast<double>(n));
          pseudo.Set(pi++, row);
        }
      }
    });
    out.Set("pseudo", pseudo);
    out.Set("auditDropped", static_cast<double>(engine_->audit().dropped()));
    return out;
  }

  // Takes the re-identification audit records written since the last call (the control plane polls this).
  Napi::Value drainAudit(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    std::vector<AuditRecord> records = engine_->audit().drain();
    Napi::Array out = Napi::Array::New(env, records.size());
    for (size_t i = 0; i < records.size(); i++) {
      Napi::Object o = Napi::Object::New(env);
      o.Set("caller", records[i].caller);
      o.Set("route", records[i].route);
      o.Set("policy", records[i].policy);
      o.Set("count", static_cast<double>(records[i].count));
      out.Set(static_cast<uint32_t>(i), o);
    }
    return out;
  }

  Napi::Value drain(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!info[0].IsNumber()) {
      throwCode(env, "SLUICE_E_NATIVE_BAD_ARGUMENT", "drain(graceMs) needs a number", true);
      return env.Undefined();
    }
    double grace = info[0].As<Napi::Number>().DoubleValue();
    engine_->drain(grace < 0 ? 0 : static_cast<uint64_t>(grace));
    auto* w = new WaitStopped(env, engine_.get());
    Napi::Promise p = w->promise();
    w->Queue();
    return p;
  }

  std::unique_ptr<Engine> engine_;
};

Napi::FunctionReference* gEngineCtor = nullptr;  // Owned for the process lifetime (one per env is enough here).

Napi::Value startEngine(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!info[0].IsObject()) {
    throwCode(env, "SLUICE_E_NATIVE_BAD_ARGUMENT", "startEngine(options) needs an options object", true);
    return env.Undefined();
  }
  Napi::Object o = info[0].As<Napi::Object>();
  EngineConfig cfg;
  Napi::Value host = o.Get("host");
  Napi::Value port = o.Get("port");
  Napi::Value workers = o.Get("workers");
  Napi::Value backend = o.Get("backend");
  if (!host.IsString() || !port.IsNumber() || !workers.IsNumber() || !backend.IsString()) {
    throwCode(env, "SLUICE_E_NATIVE_BAD_ARGUMENT", "options need host (string), port, workers (numbers) and backend (string)", true);
    return env.Undefined();
  }
  cfg.host = host.As<Napi::String>().Utf8Value();
  cfg.port = static_cast<uint16_t>(port.As<Napi::Number>().Uint32Value());
  cfg.workers = workers.As<Napi::Number>().Uint32Value();
  cfg.backend = backend.As<Napi::String>().Utf8Value();
  if (cfg.backend != "auto" && cfg.backend != "io_uring" && cfg.backend != "epoll") {
    throwCode(env, "SLUICE_E_NATIVE_BAD_ARGUMENT", "backend must be auto, io_uring or epoll", true);
    return env.Undefined();
  }
  if (o.Get("limits").IsObject()) {
    Napi::Object l = o.Get("limits").As<Napi::Object>();
    if (!readU64(l, "maxHeaderBytes", &cfg.limits.maxHeaderBytes) || !readU64(l, "maxBodyBytes", &cfg.limits.maxBodyBytes) ||
        !readU64(l, "headerTimeoutMs", &cfg.limits.headerTimeoutMs) || !readU64(l, "idleTimeoutMs", &cfg.limits.idleTimeoutMs) ||
        !readU64(l, "sendTimeoutMs", &cfg.limits.sendTimeoutMs)) {
      return env.Undefined();
    }
  }
  const uint8_t* data = nullptr;
  size_t len = 0;
  if (!readBytes(env, o.Get("snapshot"), &data, &len)) { return env.Undefined(); }
  std::string why;
  std::shared_ptr<Snapshot> snap = decodeSnapshot(data, len, &why);
  if (!snap) {
    throwCode(env, "SLUICE_E_NATIVE_BAD_SNAPSHOT", why);
    return env.Undefined();
  }
  std::unique_ptr<Engine> engine = Engine::start(cfg, std::move(snap), &why);
  if (!engine) {
    throwCode(env, "SLUICE_E_NATIVE_START_FAILED", why);
    return env.Undefined();
  }
  Napi::Object handle = gEngineCtor->New({});
  handle.Set("backend", Napi::String::New(env, engine->backendName()));
  handle.Set("fallbackReason", Napi::String::New(env, engine->fallbackReason()));
  handle.Set("port", Napi::Number::New(env, engine->port()));
  handle.Set("workers", Napi::Number::New(env, static_cast<double>(engine->workerCount())));
  NativeEngine::Unwrap(handle)->adopt(std::move(engine));
  return handle;
}

}  // namespace

void registerEngine(Napi::Env env, Napi::Object exports) {
  Napi::Function ctor = NativeEngine::define(env);
  gEngineCtor = new Napi::FunctionReference(Napi::Persistent(ctor));
  exports.Set("startEngine", Napi::Function::New(env, startEngine));
}

}  // namespace sluice::binding
