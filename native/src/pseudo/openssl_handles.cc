#include "pseudo/openssl_handles.h"

#include <cstring>

namespace sluice::pseudo::detail {
namespace {

struct CipherDeleter {
  void operator()(EVP_CIPHER* c) const { EVP_CIPHER_free(c); }
};
using CipherPtr = std::unique_ptr<EVP_CIPHER, CipherDeleter>;

const char* cipherName(CipherKind kind, size_t keyBytes) {
  switch (kind) {
    case CipherKind::Siv:
      return keyBytes == 32 ? "AES-128-SIV" : keyBytes == 48 ? "AES-192-SIV" : keyBytes == 64 ? "AES-256-SIV" : nullptr;
    case CipherKind::Ecb:
      return keyBytes == 16 ? "AES-128-ECB" : keyBytes == 24 ? "AES-192-ECB" : keyBytes == 32 ? "AES-256-ECB" : nullptr;
    case CipherKind::Ctr:
      return keyBytes == 16 ? "AES-128-CTR" : keyBytes == 24 ? "AES-192-CTR" : keyBytes == 32 ? "AES-256-CTR" : nullptr;
  }
  return nullptr;
}

}  // namespace

const EVP_CIPHER* fetchCipher(CipherKind kind, size_t keyBytes) {
  // Owned by this thread's cache: 3 kinds x 3 sizes.
  thread_local CipherPtr cache[3][3];
  const char* name = cipherName(kind, keyBytes);
  if (name == nullptr) {
    return nullptr;
  }
  size_t size = kind == CipherKind::Siv ? keyBytes / 2 : keyBytes;
  CipherPtr& slot = cache[static_cast<int>(kind)][(size - 16) / 8];
  if (!slot) {
    slot.reset(EVP_CIPHER_fetch(nullptr, name, nullptr));
  }
  return slot.get();
}

CipherCtxPtr AesBlock::ecbTemplate(const uint8_t* key, size_t keyBytes) {
  const EVP_CIPHER* c = fetchCipher(CipherKind::Ecb, keyBytes);
  if (c == nullptr) {
    return nullptr;
  }
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  if (!ctx || EVP_EncryptInit_ex2(ctx.get(), c, key, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_set_padding(ctx.get(), 0) != 1) {
    return nullptr;
  }
  return ctx;
}

AesBlock::AesBlock(const uint8_t* key, size_t keyBytes) : ctx_(ecbTemplate(key, keyBytes)) {}

AesBlock::AesBlock(const EVP_CIPHER_CTX* prepared) {
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  if (prepared != nullptr && ctx && EVP_CIPHER_CTX_copy(ctx.get(), prepared) == 1) {
    ctx_ = std::move(ctx);
  }
}

bool AesBlock::encrypt(const uint8_t* in, uint8_t* out) {
  uint8_t tmp[16];
  int len = 0;
  if (EVP_EncryptUpdate(ctx_.get(), tmp, &len, in, 16) != 1 || len != 16) {
    return false;
  }
  std::memcpy(out, tmp, 16);
  return true;
}

bool AesBlock::cbcMac(const uint8_t* data, size_t len, uint8_t* out) {
  uint8_t y[16] = {0};
  for (size_t off = 0; off < len; off += 16) {
    for (size_t i = 0; i < 16; i++) {
      y[i] ^= data[off + i];
    }
    if (!encrypt(y, y)) {
      return false;
    }
  }
  std::memcpy(out, y, 16);
  return true;
}

}  // namespace sluice::pseudo::detail
