// RAII owners for the OpenSSL objects the pseudo primitives use, and per-thread fetched ciphers.
// OpenSSL 3.0's fetch path takes locks, so each thread fetches a cipher once and keeps it.
#pragma once

#include <openssl/bn.h>
#include <openssl/evp.h>

#include <memory>

namespace sluice::pseudo::detail {

struct CipherCtxDeleter {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
struct BnDeleter {
  void operator()(BIGNUM* b) const { BN_clear_free(b); }
};
struct BnCtxDeleter {
  void operator()(BN_CTX* c) const { BN_CTX_free(c); }
};
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter>;
using BnPtr = std::unique_ptr<BIGNUM, BnDeleter>;
using BnCtxPtr = std::unique_ptr<BN_CTX, BnCtxDeleter>;

// Cipher families fetched once per thread.
enum class CipherKind { Siv, Ecb, Ctr };

// The fetched cipher for `kind` and an AES key of `keyBytes` (SIV: 32/48/64, others 16/24/32), or
// nullptr when the size is wrong or the provider lacks it. Not owned by the caller: the thread cache
// owns it until the thread exits.
const EVP_CIPHER* fetchCipher(CipherKind kind, size_t keyBytes);

// A keyed AES block function over ECB (no padding). Owns its context.
class AesBlock {
 public:
  // ok() is false when the key length is not 16/24/32 or OpenSSL refused the key.
  AesBlock(const uint8_t* key, size_t keyBytes);
  // A copy of a prepared ECB context (see ecbTemplate); the template is only read.
  explicit AesBlock(const EVP_CIPHER_CTX* prepared);
  // Returns a new ECB context keyed with `key` (no padding), for AesBlock(prepared); nullptr on error.
  static CipherCtxPtr ecbTemplate(const uint8_t* key, size_t keyBytes);
  bool ok() const { return ctx_ != nullptr; }
  // out = AES_K(in) for one 16-byte block; in and out may alias.
  bool encrypt(const uint8_t* in, uint8_t* out);
  // CBC-MAC with a zero IV over `len` bytes (a multiple of 16); writes the last block to `out`.
  bool cbcMac(const uint8_t* data, size_t len, uint8_t* out);

 private:
  CipherCtxPtr ctx_;
};

}  // namespace sluice::pseudo::detail
