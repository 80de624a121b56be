// AES-SIV (RFC 5297) through OpenSSL's EVP "AES-*-SIV". OpenSSL 3.0 refuses an empty plaintext, so
// for that one case the tag is computed by our own S2V (CMAC over AesBlock); the ciphertext is empty.
#include <openssl/crypto.h>

#include <cstring>

#include "pseudo/openssl_handles.h"
#include "sluice/pseudo_primitives.h"

namespace sluice::pseudo {
namespace {

using detail::AesBlock;
using detail::CipherCtxPtr;
using detail::CipherKind;

void dbl(uint8_t* x) {
  uint8_t carry = static_cast<uint8_t>(x[0] & 0x80);
  for (int i = 0; i < 15; i++) {
    x[i] = static_cast<uint8_t>((x[i] << 1) | (x[i + 1] >> 7));
  }
  x[15] = static_cast<uint8_t>(x[15] << 1);
  if (carry) {
    x[15] ^= 0x87;
  }
}

// AES-CMAC (RFC 4493). Owns its block function.
class Cmac {
 public:
  Cmac(const uint8_t* key, size_t keyBytes) : aes_(key, keyBytes) {
    uint8_t zero[16] = {0};
    ok_ = aes_.ok() && aes_.encrypt(zero, k1_);
    dbl(k1_);
    std::memcpy(k2_, k1_, 16);
    dbl(k2_);
  }
  bool ok() const { return ok_; }
  bool mac(const uint8_t* msg, size_t len, uint8_t* out) {
    bool complete = len > 0 && len % 16 == 0;
    size_t padded = complete ? len : (len / 16 + 1) * 16;
    // Owned here: the padded copy of the message.
    std::vector<uint8_t> buf(padded, 0);
    if (len > 0) {
      std::memcpy(buf.data(), msg, len);
    }
    if (!complete) {
      buf[len] = 0x80;
    }
    const uint8_t* k = complete ? k1_ : k2_;
    for (size_t i = 0; i < 16; i++) {
      buf[padded - 16 + i] ^= k[i];
    }
    return aes_.cbcMac(buf.data(), padded, out);
  }

 private:
  AesBlock aes_;
  uint8_t k1_[16] = {0};
  uint8_t k2_[16] = {0};
  bool ok_ = false;
};

// S2V with an empty last component (the empty plaintext): T = dbl(D) xor pad(""), V = CMAC(T).
Status s2vEmpty(ByteSpan macKey, const std::vector<ByteSpan>& ad, uint8_t* v) {
  Cmac cmac(macKey.data, macKey.size);
  if (!cmac.ok()) {
    return Status::CryptoError;
  }
  uint8_t d[16] = {0};
  uint8_t zero[16] = {0};
  if (!cmac.mac(zero, 16, d)) {
    return Status::CryptoError;
  }
  for (const ByteSpan& a : ad) {
    uint8_t m[16];
    dbl(d);
    if (!cmac.mac(a.data, a.size, m)) {
      return Status::CryptoError;
    }
    for (int i = 0; i < 16; i++) {
      d[i] ^= m[i];
    }
  }
  dbl(d);
  d[0] ^= 0x80;
  return cmac.mac(d, 16, v) ? Status::Ok : Status::CryptoError;
}

bool feedAd(EVP_CIPHER_CTX* ctx, const std::vector<ByteSpan>& ad, bool encrypt) {
  static const uint8_t kEmpty = 0;
  for (const ByteSpan& a : ad) {
    int len = 0;
    const uint8_t* p = a.size == 0 ? &kEmpty : a.data;
    int rc = encrypt ? EVP_EncryptUpdate(ctx, nullptr, &len, p, static_cast<int>(a.size))
                     : EVP_DecryptUpdate(ctx, nullptr, &len, p, static_cast<int>(a.size));
    if (rc != 1) {
      return false;
    }
  }
  return true;
}

}  // namespace

struct SivKey::Impl {
  CipherCtxPtr prepared;            // SIV context keyed once; copied per call, never used directly
  std::vector<uint8_t> macKey;      // first half of the key, for the empty-plaintext S2V
  Status status = Status::Ok;
  ~Impl() { OPENSSL_cleanse(macKey.data(), macKey.size()); }
};

SivKey::SivKey(ByteSpan key) : impl_(std::make_unique<Impl>()) {
  if (key.size != 32 && key.size != 48 && key.size != 64) {
    impl_->status = Status::BadKey;
    return;
  }
  impl_->macKey.assign(key.data, key.data + key.size / 2);
  const EVP_CIPHER* cipher = detail::fetchCipher(CipherKind::Siv, key.size);
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  if (cipher == nullptr || !ctx || EVP_EncryptInit_ex2(ctx.get(), cipher, key.data, nullptr, nullptr) != 1) {
    impl_->status = Status::CryptoError;
    return;
  }
  impl_->prepared = std::move(ctx);
}

SivKey::~SivKey() = default;

Status SivKey::status() const { return impl_->status; }

Status SivKey::encrypt(const std::vector<ByteSpan>& ad, ByteSpan plaintext, std::vector<uint8_t>& out) const {
  if (impl_->status != Status::Ok) {
    return impl_->status;
  }
  if (ad.size() > kSivMaxAd) {
    return Status::BadInput;
  }
  if (plaintext.size == 0) {
    uint8_t v[16];
    Status s = s2vEmpty(ByteSpan(impl_->macKey), ad, v);
    if (s == Status::Ok) {
      out.assign(v, v + 16);
    }
    return s;
  }
  if (plaintext.size > static_cast<size_t>(INT32_MAX) - kSivTagBytes) {
    return Status::BadInput;
  }
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  if (!ctx || EVP_CIPHER_CTX_copy(ctx.get(), impl_->prepared.get()) != 1 || !feedAd(ctx.get(), ad, true)) {
    return Status::CryptoError;
  }
  // Owned here until swapped into `out`: tag || ciphertext.
  std::vector<uint8_t> result(kSivTagBytes + plaintext.size);
  int len = 0;
  int fin = 0;
  if (EVP_EncryptUpdate(ctx.get(), result.data() + kSivTagBytes, &len, plaintext.data, static_cast<int>(plaintext.size)) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), result.data() + kSivTagBytes + len, &fin) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG, static_cast<int>(kSivTagBytes), result.data()) != 1) {
    return Status::CryptoError;
  }
  out.swap(result);
  return Status::Ok;
}

Status SivKey::decrypt(const std::vector<ByteSpan>& ad, ByteSpan token, std::vector<uint8_t>& out) const {
  if (impl_->status != Status::Ok) {
    return impl_->status;
  }
  if (ad.size() > kSivMaxAd) {
    return Status::BadInput;
  }
  if (token.size < kSivTagBytes) {
    return Status::AuthFailed;
  }
  if (token.size == kSivTagBytes) {
    uint8_t v[16];
    Status s = s2vEmpty(ByteSpan(impl_->macKey), ad, v);
    if (s != Status::Ok) {
      return s;
    }
    if (CRYPTO_memcmp(v, token.data, 16) != 0) {
      return Status::AuthFailed;
    }
    out.clear();
    return Status::Ok;
  }
  if (token.size > static_cast<size_t>(INT32_MAX)) {
    return Status::BadInput;
  }
  // A decrypting context: the prepared one is an encryptor, so re-init direction with the same key state.
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  if (!ctx || EVP_CIPHER_CTX_copy(ctx.get(), impl_->prepared.get()) != 1 ||
      EVP_DecryptInit_ex2(ctx.get(), nullptr, nullptr, nullptr, nullptr) != 1) {
    return Status::CryptoError;
  }
  uint8_t tag[16];
  std::memcpy(tag, token.data, 16);
  if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG, 16, tag) != 1 || !feedAd(ctx.get(), ad, false)) {
    return Status::CryptoError;
  }
  size_t n = token.size - kSivTagBytes;
  // Owned here; wiped and dropped if the tag does not verify, so no partial plaintext escapes.
  std::vector<uint8_t> plain(n);
  int len = 0;
  int fin = 0;
  if (EVP_DecryptUpdate(ctx.get(), plain.data(), &len, token.data + kSivTagBytes, static_cast<int>(n)) != 1 ||
      EVP_DecryptFinal_ex(ctx.get(), plain.data() + len, &fin) != 1) {
    OPENSSL_cleanse(plain.data(), plain.size());
    return Status::AuthFailed;
  }
  out.swap(plain);
  return Status::Ok;
}

Status sivEncrypt(ByteSpan key, const std::vector<ByteSpan>& ad, ByteSpan plaintext, std::vector<uint8_t>& out) {
  SivKey k(key);
  return k.encrypt(ad, plaintext, out);
}

Status sivDecrypt(ByteSpan key, const std::vector<ByteSpan>& ad, ByteSpan token, std::vector<uint8_t>& out) {
  SivKey k(key);
  return k.decrypt(ad, token, out);
}

}  // namespace sluice::pseudo
