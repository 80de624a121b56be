// The data-plane Policy: the same transforms as src/pseudo/transform-string.ts and
// transform-integer.ts, byte for byte, over the primitives of pseudo_primitives.h.
#include <openssl/crypto.h>

#include <algorithm>
#include <unordered_map>

#include "pseudo/text_codec.h"
#include "sluice/pseudo.h"

namespace sluice::pseudo {
namespace {

using detail::asciiLower;

constexpr std::string_view kTokenPrefix = "t1.";
constexpr std::string_view kAdVersion = "sluice/siv/v1";
constexpr std::string_view kPseudoEmailDomain = "pseudo.invalid";

bool isKeyIdChar(char c, bool first) {
  bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  return first ? alnum : (alnum || c == '_' || c == '-');
}

std::string_view asciiTrim(std::string_view s) {
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; };
  while (!s.empty() && ws(s.front())) {
    s.remove_prefix(1);
  }
  while (!s.empty() && ws(s.back())) {
    s.remove_suffix(1);
  }
  return s;
}

class PolicyImpl final : public Policy {
 public:
  explicit PolicyImpl(PolicySpec&& spec) : spec_(std::move(spec)) {
    for (auto& [id, key] : spec_.sivKeys) {
      sivKeySizes_.emplace(id, key.size());
      sivKeys_.emplace(id, std::make_unique<SivKey>(ByteSpan(key)));
      OPENSSL_cleanse(key.data(), key.size());
    }
    spec_.sivKeys.clear();
    if (spec_.method == Method::Ff1) {
      ff1Key_ = std::make_unique<Ff1Key>(ByteSpan(spec_.key));
    } else if (spec_.method == Method::Hmac) {
      hmacKey_ = std::make_unique<HmacKey>(ByteSpan(spec_.key));
    }
    alphabet_ = utf8Decode(spec_.alphabet);
    for (size_t i = 0; i < alphabet_.size(); i++) {
      alphabetIndex_.emplace(alphabet_[i], static_cast<uint32_t>(i));
    }
    passthrough_ = utf8Decode(spec_.passthrough);
  }

  ~PolicyImpl() override { OPENSSL_cleanse(spec_.key.data(), spec_.key.size()); }

  // Policy
  const std::string& name() const override { return spec_.name; }
  bool reversible() const override { return spec_.method == Method::Siv || spec_.method == Method::Ff1; }
  bool appliesToIntegers() const override { return spec_.method == Method::Ff1 || spec_.method == Method::Hmac; }

  FieldResult forward(std::string_view in, std::string& out) const override {
    std::string result;
    Status s = forwardRaw(in, result);
    return settle(s, in, result, out);
  }

  FieldResult reverse(std::string_view in, std::string& out) const override {
    std::string result;
    Status s = Status::Ok;
    if (!reversible() || in.empty()) {
      result.assign(in);
    } else if (spec_.method == Method::Ff1) {
      s = ff1Text(in, false, result);
    } else if (spec_.email != EmailMode::None) {
      s = emailReverse(in, result);
    } else {
      s = sivOpen(in, result);
    }
    return settle(s, in, result, out);
  }

  FieldResult forwardInt(int64_t in, IntWidth width, int64_t& out) const override {
    return intTransform(in, width, true, out);
  }

  FieldResult reverseInt(int64_t in, IntWidth width, int64_t& out) const override {
    return intTransform(in, width, false, out);
  }

  Status validate() const {
    switch (spec_.method) {
      case Method::Siv:
        if (spec_.key.size() != 64 || sivKeys_.find(spec_.keyId) == sivKeys_.end()) {
          return Status::BadKey;
        }
        for (const auto& entry : sivKeys_) {
          if (sivKeySizes_.at(entry.first) != 64) {
            return Status::BadKey;
          }
          if (Status s = entry.second->status(); s != Status::Ok) {
            return s;
          }
        }
        return Status::Ok;
      case Method::Ff1:
        if (spec_.key.size() != 16 && spec_.key.size() != 24 && spec_.key.size() != 32) {
          return Status::BadKey;
        }
        if (Status s = ff1Key_->status(); s != Status::Ok) {
          return s;
        }
        return alphabet_.size() >= 2 && alphabet_.size() <= kFf1MaxRadix && alphabetIndex_.size() == alphabet_.size()
                   ? Status::Ok : Status::BadInput;
      case Method::Hmac:
        return spec_.key.size() >= 32 ? hmacKey_->status() : Status::BadKey;
      case Method::Mask:
        return utf8Decode(spec_.mask.maskChar).size() == 1 ? Status::Ok : Status::BadInput;
      case Method::Redact:
      case Method::Constant:
        return Status::Ok;
    }
    return Status::BadInput;
  }

 private:
  FieldResult settle(Status s, std::string_view in, std::string& result, std::string& out) const {
    if (s != Status::Ok) {
      out.assign(in);
      return {spec_.onError == OnError::Pass ? FieldStatus::PassedOnError : FieldStatus::Rejected, s};
    }
    bool same = result == in;
    out.swap(result);
    return {same ? FieldStatus::Unchanged : FieldStatus::Transformed, Status::Ok};
  }

  Status forwardRaw(std::string_view in, std::string& out) const {
    switch (spec_.method) {
      case Method::Siv:
        if (in.empty()) {
          out.clear();
          return Status::Ok;
        }
        return spec_.email != EmailMode::None ? emailForward(in, true, out) : sivSeal(in, out);
      case Method::Ff1:
        if (in.empty()) {
          out.clear();
          return Status::Ok;
        }
        return ff1Text(in, true, out);
      case Method::Hmac:
        if (in.empty()) {
          out.clear();
          return Status::Ok;
        }
        return spec_.email != EmailMode::None ? emailForward(in, false, out) : hmacText(in, out);
      case Method::Mask: {
        MaskOptions opts = spec_.mask;
        opts.skip = spec_.passthrough;
        out = mask(in, opts);
        return Status::Ok;
      }
      case Method::Redact:
        out.clear();
        return Status::Ok;
      case Method::Constant:
        out = spec_.constant;
        return Status::Ok;
    }
    return Status::BadInput;
  }

  std::vector<ByteSpan> tokenAd(const std::string& keyId) const {
    return {ByteSpan(kAdVersion), ByteSpan(std::string_view(spec_.domain)), ByteSpan(std::string_view(keyId))};
  }

  Status sivSeal(std::string_view text, std::string& out) const {
    std::vector<uint8_t> sealed;
    Status s = sivKeys_.at(spec_.keyId)->encrypt(tokenAd(spec_.keyId), ByteSpan(text), sealed);
    if (s != Status::Ok) {
      return s;
    }
    out.assign(kTokenPrefix);
    out.append(spec_.keyId);
    out.push_back('.');
    out.append(detail::base32Encode(sealed.data(), sealed.size()));
    return Status::Ok;
  }

  // Parses t1.<keyId>.<base32> case-insensitively (ASCII), like src/pseudo/token.ts.
  Status sivOpen(std::string_view token, std::string& out) const {
    std::string t = asciiLower(token);
    if (t.compare(0, kTokenPrefix.size(), kTokenPrefix) != 0) {
      return Status::AuthFailed;
    }
    size_t dot = t.find('.', kTokenPrefix.size());
    if (dot == std::string::npos) {
      return Status::AuthFailed;
    }
    std::string keyId = t.substr(kTokenPrefix.size(), dot - kTokenPrefix.size());
    if (keyId.empty() || keyId.size() > 32) {
      return Status::AuthFailed;
    }
    for (size_t i = 0; i < keyId.size(); i++) {
      if (!isKeyIdChar(keyId[i], i == 0)) {
        return Status::AuthFailed;
      }
    }
    std::string_view body = std::string_view(t).substr(dot + 1);
    std::vector<uint8_t> sealed;
    if (body.size() < 26 || !detail::base32Decode(body, sealed)) {
      return Status::AuthFailed;
    }
    auto it = sivKeys_.find(keyId);
    if (it == sivKeys_.end()) {
      return Status::AuthFailed;  // the key was removed from the keyring: fail closed
    }
    std::vector<uint8_t> plain;
    Status s = it->second->decrypt(tokenAd(keyId), ByteSpan(sealed), plain);
    if (s != Status::Ok) {
      return s;
    }
    out.assign(plain.begin(), plain.end());
    OPENSSL_cleanse(plain.data(), plain.size());
    return Status::Ok;
  }

  Status hmacText(std::string_view text, std::string& out) const {
    std::vector<uint8_t> mac;
    Status s = hmacKey_->mac(ByteSpan(text), mac);
    if (s != Status::Ok) {
      return s;
    }
    switch (spec_.encoding) {
      case MacEncoding::Hex:
        out = detail::hexEncode(mac.data(), mac.size());
        break;
      case MacEncoding::Base32:
        out = detail::base32Encode(mac.data(), mac.size());
        break;
      case MacEncoding::Base64Url:
        out = detail::base64UrlEncode(mac.data(), mac.size());
        break;
    }
    return Status::Ok;
  }

  Status emailForward(std::string_view value, bool siv, std::string& out) const {
    std::string_view trimmed = asciiTrim(value);
    size_t at = trimmed.rfind('@');
    auto apply = [&](std::string_view s, std::string& o) { return siv ? sivSeal(s, o) : hmacText(s, o); };
    auto fold = [&](std::string_view s) { return spec_.emailNormalizeCase ? asciiLower(s) : std::string(s); };
    if (at == std::string_view::npos) {
      return apply(fold(trimmed), out);
    }
    std::string local = fold(trimmed.substr(0, at));
    std::string domain = asciiLower(trimmed.substr(at + 1));
    if (spec_.email == EmailMode::Keep) {
      Status s = apply(local, out);
      if (s == Status::Ok) {
        out.push_back('@');
        out.append(domain);
      }
      return s;
    }
    Status s = apply(local + "@" + domain, out);
    if (s == Status::Ok) {
      out.push_back('@');
      out.append(kPseudoEmailDomain);
    }
    return s;
  }

  Status emailReverse(std::string_view value, std::string& out) const {
    size_t at = value.rfind('@');
    if (at == std::string_view::npos) {
      return sivOpen(value, out);
    }
    std::string_view head = value.substr(0, at);
    std::string_view domain = value.substr(at + 1);
    if (spec_.email == EmailMode::Pseudonymize) {
      if (asciiLower(domain) != kPseudoEmailDomain) {
        return Status::AuthFailed;
      }
      return sivOpen(head, out);
    }
    Status s = sivOpen(head, out);
    if (s == Status::Ok) {
      out.push_back('@');
      out.append(domain);
    }
    return s;
  }

  Status ff1Text(std::string_view value, bool encrypt, std::string& out) const {
    std::vector<uint32_t> chars = utf8Decode(value);
    std::vector<size_t> slots;
    std::vector<uint32_t> x;
    for (size_t i = 0; i < chars.size(); i++) {
      if (std::find(passthrough_.begin(), passthrough_.end(), chars[i]) != passthrough_.end()) {
        continue;
      }
      auto it = alphabetIndex_.find(chars[i]);
      if (it == alphabetIndex_.end()) {
        return Status::BadInput;
      }
      slots.push_back(i);
      x.push_back(it->second);
    }
    std::string tweak = "sluice/ff1/v1/" + spec_.domain;
    std::vector<uint32_t> y;
    auto radix = static_cast<uint32_t>(alphabet_.size());
    Status s = encrypt ? ff1Key_->encrypt(ByteSpan(std::string_view(tweak)), radix, x, y)
                       : ff1Key_->decrypt(ByteSpan(std::string_view(tweak)), radix, x, y);
    if (s != Status::Ok) {
      return s;
    }
    for (size_t j = 0; j < slots.size(); j++) {
      chars[slots[j]] = alphabet_[y[j]];
    }
    out.clear();
    for (uint32_t c : chars) {
      utf8Append(c, out);
    }
    return Status::Ok;
  }

  FieldResult intTransform(int64_t in, IntWidth width, bool encrypt, int64_t& out) const {
    int bits = width == IntWidth::I32 ? 32 : 64;
    const char* type = width == IntWidth::I32 ? "i32" : "i64";
    Status s = Status::Ok;
    int64_t result = in;
    if (width == IntWidth::I32 && (in < INT32_MIN || in > INT32_MAX)) {
      s = Status::BadInput;
    } else if (spec_.method == Method::Ff1) {
      uint64_t u = width == IntWidth::I32 ? static_cast<uint32_t>(static_cast<int32_t>(in)) : static_cast<uint64_t>(in);
      std::vector<uint32_t> x(static_cast<size_t>(bits));
      for (int i = 0; i < bits; i++) {
        x[static_cast<size_t>(i)] = static_cast<uint32_t>((u >> (bits - 1 - i)) & 1u);
      }
      std::string tweak = "sluice/ff1/v1/" + spec_.domain + "/" + type;
      std::vector<uint32_t> y;
      s = encrypt ? ff1Key_->encrypt(ByteSpan(std::string_view(tweak)), 2, x, y)
                  : ff1Key_->decrypt(ByteSpan(std::string_view(tweak)), 2, x, y);
      if (s == Status::Ok) {
        uint64_t v = 0;
        for (uint32_t b : y) {
          v = (v << 1) | b;
        }
        result = width == IntWidth::I32 ? static_cast<int64_t>(static_cast<int32_t>(static_cast<uint32_t>(v))) : static_cast<int64_t>(v);
      }
    } else if (spec_.method == Method::Hmac) {
      if (encrypt) {
        std::string msg = std::string(type) + ":" + std::to_string(in);
        std::vector<uint8_t> mac;
        s = hmacKey_->mac(ByteSpan(std::string_view(msg)), mac);
        if (s == Status::Ok) {
          uint64_t v = 0;
          for (int i = 0; i < bits / 8; i++) {
            v = (v << 8) | mac[static_cast<size_t>(i)];
          }
          result = width == IntWidth::I32 ? static_cast<int64_t>(static_cast<int32_t>(static_cast<uint32_t>(v))) : static_cast<int64_t>(v);
        }
      }
    } else {
      s = Status::BadInput;
    }
    if (s != Status::Ok) {
      out = in;
      return {spec_.onError == OnError::Pass ? FieldStatus::PassedOnError : FieldStatus::Rejected, s};
    }
    out = result;
    return {result == in ? FieldStatus::Unchanged : FieldStatus::Transformed, Status::Ok};
  }

  PolicySpec spec_;
  std::unordered_map<std::string, std::unique_ptr<SivKey>> sivKeys_;  // key id -> prepared subkey
  std::unordered_map<std::string, size_t> sivKeySizes_;               // key id -> subkey length, for validate()
  std::unique_ptr<Ff1Key> ff1Key_;                                      // ff1 only
  std::unique_ptr<HmacKey> hmacKey_;                                    // hmac only
  std::vector<uint32_t> alphabet_;
  std::unordered_map<uint32_t, uint32_t> alphabetIndex_;
  std::vector<uint32_t> passthrough_;
};

}  // namespace

PolicyConstSharedPtr createPolicy(PolicySpec&& spec, std::string& error) {
  auto policy = std::make_shared<PolicyImpl>(std::move(spec));
  Status s = policy->validate();
  if (s != Status::Ok) {
    error = "policy '" + policy->name() + "': " + statusMessage(s);
    return nullptr;
  }
  return policy;
}

}  // namespace sluice::pseudo
