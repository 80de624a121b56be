// Pseudonymization primitives on Node's bundled OpenSSL (symbols come from the node binary; nothing
// else is linked): AES-SIV (RFC 5297), FF1 (NIST SP 800-38G Rev.1 domain rule), HMAC-SHA-256 and
// masking. Every function returns a Status and never throws; outputs are written only on Status::Ok.
// Thread-safe: fetched ciphers are cached per thread. The TypeScript reference is src/pseudo/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::pseudo {

// A borrowed byte range. Not owned; the caller keeps the bytes alive for the duration of the call.
struct ByteSpan {
  const uint8_t* data = nullptr;
  size_t size = 0;
  ByteSpan() = default;
  ByteSpan(const uint8_t* d, size_t n) : data(d), size(n) {}
  ByteSpan(const std::vector<uint8_t>& v) : data(v.data()), size(v.size()) {}  // NOLINT: implicit by design
  explicit ByteSpan(std::string_view s) : data(reinterpret_cast<const uint8_t*>(s.data())), size(s.size()) {}
};

// What a primitive reports. Messages (statusMessage) name the reason class only, never a value or key.
enum class Status {
  Ok,
  BadKey,       // key length not allowed by the algorithm
  BadInput,     // value outside the alphabet, FF1 domain below 10^6, too many AD components, ...
  AuthFailed,   // AES-SIV tag mismatch: tampered token, wrong key or wrong associated data
  CryptoError,  // OpenSSL refused an operation that should have worked (e.g. cipher not available)
};

// A static, value-free description of `s`.
const char* statusMessage(Status s);

inline constexpr size_t kSivTagBytes = 16;
inline constexpr size_t kSivMaxAd = 126;
inline constexpr uint32_t kFf1MinRadix = 2;
inline constexpr uint32_t kFf1MaxRadix = 65536;
inline constexpr uint64_t kFf1MinDomain = 1000000;  // SP 800-38G Rev.1: radix^len >= 10^6

// AES-SIV encryption: key 32/48/64 bytes, `ad` the ordered AD components (an empty vector means no
// AD at all, which differs from one empty component). Writes tag || ciphertext to `out`.
// Empty plaintexts work too (OpenSSL 3.0 refuses them, so that case is computed by our own S2V).
Status sivEncrypt(ByteSpan key, const std::vector<ByteSpan>& ad, ByteSpan plaintext, std::vector<uint8_t>& out);

// AES-SIV decryption of tag || ciphertext. On AuthFailed `out` is left untouched (no partial plaintext).
Status sivDecrypt(ByteSpan key, const std::vector<ByteSpan>& ad, ByteSpan token, std::vector<uint8_t>& out);

// OK when (radix, len) is an allowed FF1 domain: radix in 2..65536, len >= 2, radix^len >= 10^6.
Status ff1CheckDomain(uint32_t radix, size_t len);

// FF1 over numerals in [0, radix) with an AES key of 16/24/32 bytes and any tweak; `out` gets the
// same number of numerals.
Status ff1Encrypt(ByteSpan key, ByteSpan tweak, uint32_t radix, const std::vector<uint32_t>& in,
                  std::vector<uint32_t>& out);
Status ff1Decrypt(ByteSpan key, ByteSpan tweak, uint32_t radix, const std::vector<uint32_t>& in,
                  std::vector<uint32_t>& out);

// HMAC-SHA-256 with any key length (policies enforce >= 32 bytes themselves). `out` gets 32 bytes.
Status hmacSha256(ByteSpan key, ByteSpan data, std::vector<uint8_t>& out);

// Prepared keys: the key schedule (and for SIV the CMAC state) is set up once; every call copies the
// prepared OpenSSL context, so const methods are safe to call from many threads at once. Policies hold
// these; the free functions above build a temporary one per call. Each owns its contexts and wipes
// its key copies on destruction. Check status() after construction (BadKey/CryptoError).
class SivKey {
 public:
  explicit SivKey(ByteSpan key);
  ~SivKey();
  SivKey(const SivKey&) = delete;
  SivKey& operator=(const SivKey&) = delete;
  Status status() const;
  Status encrypt(const std::vector<ByteSpan>& ad, ByteSpan plaintext, std::vector<uint8_t>& out) const;
  Status decrypt(const std::vector<ByteSpan>& ad, ByteSpan token, std::vector<uint8_t>& out) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class Ff1Key {
 public:
  explicit Ff1Key(ByteSpan key);
  ~Ff1Key();
  Ff1Key(const Ff1Key&) = delete;
  Ff1Key& operator=(const Ff1Key&) = delete;
  Status status() const;
  Status encrypt(ByteSpan tweak, uint32_t radix, const std::vector<uint32_t>& in, std::vector<uint32_t>& out) const;
  Status decrypt(ByteSpan tweak, uint32_t radix, const std::vector<uint32_t>& in, std::vector<uint32_t>& out) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class HmacKey {
 public:
  explicit HmacKey(ByteSpan key);
  ~HmacKey();
  HmacKey(const HmacKey&) = delete;
  HmacKey& operator=(const HmacKey&) = delete;
  Status status() const;
  // HMAC-SHA-256 of `data`: 32 bytes into `out`.
  Status mac(ByteSpan data, std::vector<uint8_t>& out) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct MaskOptions {
  uint32_t keepFirst = 0;
  uint32_t keepLast = 0;
  std::string maskChar = "*";  // one UTF-8 character
  std::string skip;            // UTF-8 characters left in place and not counted
};

// Masks all but the first keepFirst / last keepLast countable code points of UTF-8 `value`; a value
// with no more countable code points than keepFirst + keepLast is masked entirely. Invalid UTF-8
// bytes count as one character each.
std::string mask(std::string_view value, const MaskOptions& opts);

// UTF-8 helpers shared by the alphabet and mask code: split into code points / join them back.
std::vector<uint32_t> utf8Decode(std::string_view s);
void utf8Append(uint32_t cp, std::string& out);

}  // namespace sluice::pseudo
