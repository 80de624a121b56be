// FF1 (NIST SP 800-38G Algorithms 7 and 8) over AES-ECB from OpenSSL, big numbers with BN_*.
// Mirrors src/pseudo/ff1.ts step for step; the Rev.1 domain rule radix^len >= 10^6 is enforced.
#include <openssl/crypto.h>

#include <cstdint>
#include <cstring>

#include "pseudo/openssl_handles.h"
#include "sluice/pseudo_primitives.h"

namespace sluice::pseudo {
namespace {

using detail::AesBlock;
using detail::BnCtxPtr;
using detail::BnPtr;

// Per-call FF1 state (Algorithm 7 steps 1–5) and scratch big numbers. Owns everything it holds.
class Ff1 {
 public:
  Ff1(const EVP_CIPHER_CTX* prepared, ByteSpan tweak, uint32_t radix, size_t n)
      : aes_(prepared), tweak_(tweak), radix_(radix), n_(n), u_(n / 2), v_(n - n / 2) {}

  Status init() {
    if (!aes_.ok()) {
      return Status::BadKey;
    }
    // radix^v below 2^64 (phones, ids, i32/i64 bit patterns): b from a 128-bit product; runSmall needs no BN, so
    // none is allocated (BN_CTX and BIGNUM setup cost more than the rounds themselves for short values).
    unsigned __int128 pv = 1;
    bool small = true;
    for (size_t i = 0; i < v_ && small; i++) {
      pv *= radix_;
      small = pv <= UINT64_MAX;
    }
    if (small) {
      const uint64_t top = static_cast<uint64_t>(pv - 1);
      b_ = top == 0 ? 0 : static_cast<size_t>((64 - __builtin_clzll(top) + 7) / 8);
      return layout();
    }
    ctx_.reset(BN_CTX_new());
    radixBn_.reset(BN_new());
    modU_.reset(BN_new());
    modV_.reset(BN_new());
    a_.reset(BN_new());
    y_.reset(BN_new());
    if (!ctx_ || !radixBn_ || !modU_ || !modV_ || !a_ || !y_ || BN_set_word(radixBn_.get(), radix_) != 1 ||
        !pow(modU_.get(), u_) || !pow(modV_.get(), v_)) {
      return Status::CryptoError;
    }
    // b = ceil(ceil(v * log2(radix)) / 8) = bytes of radix^v - 1, computed exactly.
    BnPtr top(BN_dup(modV_.get()));
    if (!top || BN_sub_word(top.get(), 1) != 1) {
      return Status::CryptoError;
    }
    b_ = static_cast<size_t>((BN_num_bits(top.get()) + 7) / 8);
    return layout();
  }

  // P, the Q template and S for the b_ just computed (Algorithm 7 steps 1–5).
  Status layout() {
    d_ = 4 * ((b_ + 3) / 4) + 4;
    const uint8_t p[16] = {1, 2, 1,
                           static_cast<uint8_t>(radix_ >> 16), static_cast<uint8_t>(radix_ >> 8), static_cast<uint8_t>(radix_),
                           10, static_cast<uint8_t>(u_),
                           static_cast<uint8_t>(n_ >> 24), static_cast<uint8_t>(n_ >> 16), static_cast<uint8_t>(n_ >> 8), static_cast<uint8_t>(n_),
                           static_cast<uint8_t>(tweak_.size >> 24), static_cast<uint8_t>(tweak_.size >> 16),
                           static_cast<uint8_t>(tweak_.size >> 8), static_cast<uint8_t>(tweak_.size)};
    size_t zeros = (16 - (tweak_.size + b_ + 1) % 16) % 16;
    pq_.assign(16 + tweak_.size + zeros + 1 + b_, 0);
    std::memcpy(pq_.data(), p, 16);
    if (tweak_.size > 0) {
      std::memcpy(pq_.data() + 16, tweak_.data, tweak_.size);
    }
    roundIndex_ = 16 + tweak_.size + zeros;
    s_.assign((d_ + 15) / 16 * 16, 0);
    return Status::Ok;
  }

  // Runs the 10 Feistel rounds in place over x (numerals); encrypt or decrypt.
  Status run(std::vector<uint32_t>& x, bool encrypt) {
    if (b_ <= 8) {
      return runSmall(x, encrypt);
    }
    std::vector<uint32_t> a(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(u_));
    std::vector<uint32_t> b(x.begin() + static_cast<std::ptrdiff_t>(u_), x.end());
    for (int step = 0; step < 10; step++) {
      int i = encrypt ? step : 9 - step;
      size_t m = i % 2 == 0 ? u_ : v_;
      const BIGNUM* mod = i % 2 == 0 ? modU_.get() : modV_.get();
      // Encrypt: y from B, c = (NUM(A) + y) mod radix^m. Decrypt: y from A, c = (NUM(B) - y) mod radix^m.
      std::vector<uint32_t>& feed = encrypt ? b : a;
      std::vector<uint32_t>& other = encrypt ? a : b;
      if (!prf(i, feed) || !num(other, a_.get())) {
        return Status::CryptoError;
      }
      int ok = encrypt ? BN_mod_add(a_.get(), a_.get(), y_.get(), mod, ctx_.get())
                       : BN_mod_sub(a_.get(), a_.get(), y_.get(), mod, ctx_.get());
      std::vector<uint32_t> c;
      if (ok != 1 || !str(a_.get(), m, c)) {
        return Status::CryptoError;
      }
      if (encrypt) {
        a.swap(b);
        b.swap(c);
      } else {
        b.swap(a);
        a.swap(c);
      }
    }
    std::memcpy(x.data(), a.data(), a.size() * sizeof(uint32_t));
    std::memcpy(x.data() + a.size(), b.data(), b.size() * sizeof(uint32_t));
    return Status::Ok;
  }

  // radix^v <= 2^64 (b <= 8, so d <= 12 and y < 2^96): the same rounds in 128-bit integers, no BN.
  Status runSmall(std::vector<uint32_t>& x, bool encrypt) {
    using u128 = unsigned __int128;
    u128 modU = 1;
    u128 modV = 1;
    for (size_t i = 0; i < v_; i++) {
      modV *= radix_;
      if (i < u_) {
        modU *= radix_;
      }
    }
    auto numSmall = [&](const uint32_t* p, size_t n) {
      u128 r = 0;
      for (size_t i = 0; i < n; i++) {
        r = r * radix_ + p[i];
      }
      return r;
    };
    u128 a = numSmall(x.data(), u_);
    u128 b = numSmall(x.data() + u_, v_);
    for (int step = 0; step < 10; step++) {
      int i = encrypt ? step : 9 - step;
      u128 mod = i % 2 == 0 ? modU : modV;
      u128 feed = encrypt ? b : a;
      for (size_t k = 0; k < b_; k++) {
        pq_[roundIndex_ + 1 + k] = static_cast<uint8_t>(feed >> (8 * (b_ - 1 - k)));
      }
      if (!prfBlocks(i)) {
        return Status::CryptoError;
      }
      u128 y = 0;
      for (size_t k = 0; k < d_; k++) {
        y = (y << 8) | s_[k];
      }
      y %= mod;
      if (encrypt) {
        u128 c = (a + y) % mod;
        a = b;
        b = c;
      } else {
        u128 c = (b + mod - y) % mod;
        b = a;
        a = c;
      }
    }
    for (size_t k = v_; k-- > 0;) {
      x[u_ + k] = static_cast<uint32_t>(b % radix_);
      b /= radix_;
    }
    for (size_t k = u_; k-- > 0;) {
      x[k] = static_cast<uint32_t>(a % radix_);
      a /= radix_;
    }
    return Status::Ok;
  }

  ~Ff1() {
    OPENSSL_cleanse(s_.data(), s_.size());
    OPENSSL_cleanse(pq_.data(), pq_.size());
  }

 private:
  bool pow(BIGNUM* out, size_t e) {
    BnPtr exp(BN_new());
    return exp && BN_set_word(exp.get(), e) == 1 && BN_exp(out, radixBn_.get(), exp.get(), ctx_.get()) == 1;
  }

  bool num(const std::vector<uint32_t>& x, BIGNUM* out) {
    if (BN_set_word(out, 0) != 1) {
      return false;
    }
    for (uint32_t d : x) {
      if (BN_mul_word(out, radix_) != 1 || BN_add_word(out, d) != 1) {
        return false;
      }
    }
    return true;
  }

  bool str(BIGNUM* value, size_t m, std::vector<uint32_t>& out) {
    out.assign(m, 0);
    for (size_t i = m; i-- > 0;) {
      BN_ULONG r = BN_div_word(value, radix_);
      if (r == static_cast<BN_ULONG>(-1)) {
        return false;
      }
      out[i] = static_cast<uint32_t>(r);
    }
    return true;
  }

  // y_ = NUM(S) for round i over half `x` (Algorithm 7 steps 6.i–6.iv).
  bool prf(int i, const std::vector<uint32_t>& x) {
    if (!num(x, a_.get()) || BN_bn2binpad(a_.get(), pq_.data() + roundIndex_ + 1, static_cast<int>(b_)) < 0 ||
        !prfBlocks(i)) {
      return false;
    }
    return BN_bin2bn(s_.data(), static_cast<int>(d_), y_.get()) != nullptr;
  }

  // S = R || AES(R xor 1) || ... for round i, with NUM(x) already written after the round byte.
  bool prfBlocks(int i) {
    pq_[roundIndex_] = static_cast<uint8_t>(i);
    if (!aes_.cbcMac(pq_.data(), pq_.size(), s_.data())) {
      return false;
    }
    for (size_t j = 1; j * 16 < d_; j++) {
      uint8_t blk[16];
      std::memcpy(blk, s_.data(), 16);
      blk[12] ^= static_cast<uint8_t>(j >> 24);
      blk[13] ^= static_cast<uint8_t>(j >> 16);
      blk[14] ^= static_cast<uint8_t>(j >> 8);
      blk[15] ^= static_cast<uint8_t>(j);
      if (!aes_.encrypt(blk, s_.data() + 16 * j)) {
        return false;
      }
    }
    return true;
  }

  AesBlock aes_;
  ByteSpan tweak_;  // Not owned; the caller's tweak outlives this per-call object.
  uint32_t radix_;
  size_t n_, u_, v_;
  size_t b_ = 0, d_ = 0, roundIndex_ = 0;
  std::vector<uint8_t> pq_;  // P || Q, rewritten each round
  std::vector<uint8_t> s_;   // S blocks
  BnCtxPtr ctx_;
  BnPtr radixBn_, modU_, modV_, a_, y_;
};

Status ff1Run(const EVP_CIPHER_CTX* prepared, ByteSpan tweak, uint32_t radix, const std::vector<uint32_t>& in,
              std::vector<uint32_t>& out, bool encrypt) {
  if (Status s = ff1CheckDomain(radix, in.size()); s != Status::Ok) {
    return s;
  }
  if (tweak.size > 0xffffffffu) {
    return Status::BadInput;
  }
  for (uint32_t d : in) {
    if (d >= radix) {
      return Status::BadInput;
    }
  }
  Ff1 ff1(prepared, tweak, radix, in.size());
  if (Status s = ff1.init(); s != Status::Ok) {
    return s;
  }
  std::vector<uint32_t> x(in);
  if (Status s = ff1.run(x, encrypt); s != Status::Ok) {
    return s;
  }
  out.swap(x);
  return Status::Ok;
}

}  // namespace

Status ff1CheckDomain(uint32_t radix, size_t len) {
  if (radix < kFf1MinRadix || radix > kFf1MaxRadix || len < 2 || len > 0xffffffffu) {
    return Status::BadInput;
  }
  uint64_t domain = 1;
  for (size_t i = 0; i < len && domain < kFf1MinDomain; i++) {
    domain *= radix;
  }
  return domain >= kFf1MinDomain ? Status::Ok : Status::BadInput;
}

struct Ff1Key::Impl {
  detail::CipherCtxPtr ecb;  // AES-ECB keyed once; copied per call, never used directly
  Status status = Status::Ok;
};

Ff1Key::Ff1Key(ByteSpan key) : impl_(std::make_unique<Impl>()) {
  if (key.size != 16 && key.size != 24 && key.size != 32) {
    impl_->status = Status::BadKey;
    return;
  }
  impl_->ecb = AesBlock::ecbTemplate(key.data, key.size);
  if (!impl_->ecb) {
    impl_->status = Status::CryptoError;
  }
}

Ff1Key::~Ff1Key() = default;

Status Ff1Key::status() const { return impl_->status; }

Status Ff1Key::encrypt(ByteSpan tweak, uint32_t radix, const std::vector<uint32_t>& in, std::vector<uint32_t>& out) const {
  return impl_->status != Status::Ok ? impl_->status : ff1Run(impl_->ecb.get(), tweak, radix, in, out, true);
}

Status Ff1Key::decrypt(ByteSpan tweak, uint32_t radix, const std::vector<uint32_t>& in, std::vector<uint32_t>& out) const {
  return impl_->status != Status::Ok ? impl_->status : ff1Run(impl_->ecb.get(), tweak, radix, in, out, false);
}

Status ff1Encrypt(ByteSpan key, ByteSpan tweak, uint32_t radix, const std::vector<uint32_t>& in,
                  std::vector<uint32_t>& out) {
  Ff1Key k(key);
  return k.encrypt(tweak, radix, in, out);
}

Status ff1Decrypt(ByteSpan key, ByteSpan tweak, uint32_t radix, const std::vector<uint32_t>& in,
                  std::vector<uint32_t>& out) {
  Ff1Key k(key);
  return k.decrypt(tweak, radix, in, out);
}

}  // namespace sluice::pseudo
