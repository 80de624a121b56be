// HMAC-SHA-256 through OpenSSL's one-shot HMAC() (exported by the node binary).
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "sluice/pseudo_primitives.h"

namespace sluice::pseudo {

Status hmacSha256(ByteSpan key, ByteSpan data, std::vector<uint8_t>& out) {
  if (key.size > static_cast<size_t>(INT32_MAX)) {
    return Status::BadKey;
  }
  static const uint8_t kEmpty = 0;
  uint8_t mac[32];
  unsigned int len = 0;
  if (HMAC(EVP_sha256(), key.size == 0 ? &kEmpty : key.data, static_cast<int>(key.size),
           data.size == 0 ? &kEmpty : data.data, data.size, mac, &len) == nullptr || len != 32) {
    return Status::CryptoError;
  }
  out.assign(mac, mac + 32);
  return Status::Ok;
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
