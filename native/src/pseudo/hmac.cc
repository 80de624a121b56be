// HMAC-SHA-256 through OpenSSL's one-shot HMAC() (exported by the node binary).
#include <openssl/evp.h>
#include <openssl/core_names.h>
#include <openssl/params.h>

#include <memory>

#include "sluice/pseudo_primitives.h"

namespace sluice::pseudo {

namespace {

struct MacDeleter {
  void operator()(EVP_MAC* m) const { EVP_MAC_free(m); }
};
struct MacCtxDeleter {
  void operator()(EVP_MAC_CTX* c) const { EVP_MAC_CTX_free(c); }
};
using MacCtxPtr = std::unique_ptr<EVP_MAC_CTX, MacCtxDeleter>;

const uint8_t kEmpty = 0;

// The HMAC implementation, fetched once per thread (fetching takes locks in OpenSSL 3.0).
// Not owned by callers: the thread cache owns it.
EVP_MAC* fetchHmac() {
  thread_local std::unique_ptr<EVP_MAC, MacDeleter> mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
  return mac.get();
}

}  // namespace

struct HmacKey::Impl {
  MacCtxPtr prepared;  // HMAC-SHA-256 keyed once; duplicated per call, never used directly
  Status status = Status::Ok;
};

HmacKey::HmacKey(ByteSpan key) : impl_(std::make_unique<Impl>()) {
  EVP_MAC* mac = fetchHmac();
  MacCtxPtr ctx(mac == nullptr ? nullptr : EVP_MAC_CTX_new(mac));
  char digest[] = "SHA256";
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string("digest", digest, 0), OSSL_PARAM_construct_end()};
  if (!ctx || EVP_MAC_init(ctx.get(), key.size == 0 ? &kEmpty : key.data, key.size, params) != 1) {
    impl_->status = Status::CryptoError;
    return;
  }
  impl_->prepared = std::move(ctx);
}

HmacKey::~HmacKey() = default;

Status HmacKey::status() const { return impl_->status; }

Status HmacKey::mac(ByteSpan data, std::vector<uint8_t>& out) const {
  if (impl_->status != Status::Ok) {
    return impl_->status;
  }
  MacCtxPtr ctx(EVP_MAC_CTX_dup(impl_->prepared.get()));
  uint8_t mac[32];
  size_t len = 0;
  if (!ctx || EVP_MAC_update(ctx.get(), data.size == 0 ? &kEmpty : data.data, data.size) != 1 ||
      EVP_MAC_final(ctx.get(), mac, &len, sizeof(mac)) != 1 || len != 32) {
    return Status::CryptoError;
  }
  out.assign(mac, mac + 32);
  return Status::Ok;
}

Status hmacSha256(ByteSpan key, ByteSpan data, std::vector<uint8_t>& out) {
  HmacKey k(key);
  return k.mac(data, out);
}

const char* statusMessage(Status s) {
  switch (s) {
    case Status::Ok:
      return "ok";
    case Status::BadKey:
      return "key length not allowed by the algorithm";
    case Status::BadInput:
      return "value cannot be transformed (outside the alphabet, below the FF1 domain floor, or too large)";
    case Status::AuthFailed:
      return "AES-SIV authentication failed (tampered token, wrong key or wrong associated data)";
    case Status::CryptoError:
      return "OpenSSL refused the operation";
  }
  return "unknown status";
}

}  // namespace sluice::pseudo
