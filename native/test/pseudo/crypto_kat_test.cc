// Known answers and round trips for the crypto primitives and the Policy, run standalone against the
// system libcrypto that native/test/run.sh links (Debian's OpenSSL 3.0, libssl-dev) so that the
// release and ASan+UBSan builds cover siv.cc, ff1.cc, hmac.cc and policy.cc. Inside node the same code
// runs on node's bundled OpenSSL; test/unit/pseudo/native*.test.ts checks it there against every vector.
#include <string>
#include <vector>

#include "check.h"
#include "sluice/pseudo.h"

namespace ps = sluice::pseudo;

namespace {

std::vector<uint8_t> hex(const std::string& h) {
  std::vector<uint8_t> out;
  for (size_t i = 0; i + 1 < h.size(); i += 2) {
    out.push_back(static_cast<uint8_t>(std::stoul(h.substr(i, 2), nullptr, 16)));
  }
  return out;
}

std::string toHex(const std::vector<uint8_t>& b) {
  static const char* d = "0123456789abcdef";
  std::string s;
  for (uint8_t x : b) {
    s.push_back(d[x >> 4]);
    s.push_back(d[x & 15]);
  }
  return s;
}

std::vector<uint32_t> numerals(const std::string& s) {
  std::vector<uint32_t> out;
  for (char c : s) {
    out.push_back(c <= '9' ? static_cast<uint32_t>(c - '0') : static_cast<uint32_t>(c - 'a' + 10));
  }
  return out;
}

std::string text(const std::vector<uint32_t>& x) {
  std::string s;
  for (uint32_t n : x) {
    s.push_back(static_cast<char>(n < 10 ? '0' + n : 'a' + (n - 10)));
  }
  return s;
}

const std::string kA1Key = "fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";
const std::string kA1Ad = "101112131415161718191a1b1c1d1e1f2021222324252627";
const std::string kA1Pt = "112233445566778899aabbccddee";

std::string siv(const std::string& key, const std::vector<std::string>& adHex, const std::string& pt) {
  std::vector<std::vector<uint8_t>> adBytes;
  std::vector<ps::ByteSpan> ad;
  for (const auto& a : adHex) {
    adBytes.push_back(hex(a));
  }
  for (const auto& a : adBytes) {
    ad.emplace_back(a);
  }
  std::vector<uint8_t> out;
  std::vector<uint8_t> k = hex(key), p = hex(pt);
  if (ps::sivEncrypt(ps::ByteSpan(k), ad, ps::ByteSpan(p), out) != ps::Status::Ok) {
    return "error";
  }
  std::vector<uint8_t> back;
  if (ps::sivDecrypt(ps::ByteSpan(k), ad, ps::ByteSpan(out), back) != ps::Status::Ok || back != p) {
    return "roundtrip-failed";
  }
  return toHex(out);
}

TEST(siv_reproduces_rfc5297_and_openssl_rows) {
  CHECK_EQ(siv(kA1Key, {kA1Ad}, kA1Pt), std::string("85632d07c6e8f37f950acd320a2ecc9340c02b9690c4dc04daef7f6afe5c"));
  CHECK_EQ(siv(kA1Key, {}, kA1Pt), std::string("f1c5fdeac1f15a26779c1501f9fb758827e946c669088ab06da58c5c831c"));
  CHECK_EQ(siv(kA1Key, {""}, kA1Pt), std::string("d1022f5b3664e5a4dfaf90f85be6f28ab66cff6b8eca0b79f083b39a0901"));
  CHECK_EQ(siv(kA1Key, {}, ""), std::string("f2007a5beb2b8900c588a7adf599f172"));
  CHECK_EQ(siv("7f7e7d7c7b7a79787776757473727170404142434445464748494a4b4c4d4e4f",
               {"00112233445566778899aabbccddeeffdeaddadadeaddadaffeeddccbbaa99887766554433221100", "102030405060708090a0",
                "09f911029d74e35bd84156c5635688c0"},
               "7468697320697320736f6d6520706c61696e7465787420746f20656e6372797074207573696e67205349562d414553"),
           std::string("7bdb6e3b432667eb06f4d14bff2fbd0fcb900f2fddbe404326601965c889bf17dba77ceb094fa663b7a3f748ba8af829ea64ad544a272e9c485b62a3fd5c0d"));
}

TEST(siv_rejects_tampering_without_output) {
  std::vector<uint8_t> k = hex(kA1Key), ad0 = hex(kA1Ad);
  std::vector<ps::ByteSpan> ad{ps::ByteSpan(ad0)};
  std::vector<uint8_t> token = hex("85632d07c6e8f37f950acd320a2ecc9340c02b9690c4dc04daef7f6afe5c");
  for (size_t i = 0; i < token.size(); i++) {
    std::vector<uint8_t> bad = token;
    bad[i] ^= 0x01;
    std::vector<uint8_t> out{42};
    CHECK(ps::sivDecrypt(ps::ByteSpan(k), ad, ps::ByteSpan(bad), out) == ps::Status::AuthFailed);
    CHECK_EQ(out.size(), size_t{1});
  }
  std::vector<uint8_t> out;
  CHECK(ps::sivDecrypt(ps::ByteSpan(k), {}, ps::ByteSpan(token), out) == ps::Status::AuthFailed);
  CHECK(ps::sivEncrypt(ps::ByteSpan(k.data(), 16), {}, ps::ByteSpan(k), out) == ps::Status::BadKey);
}

TEST(ff1_reproduces_nist_samples_and_enforces_the_domain_rule) {
  struct V { std::string key; uint32_t radix; std::string tweak, pt, ct; };
  const std::string k128 = "2b7e151628aed2a6abf7158809cf4f3c";
  const std::string k256 = k128 + "ef4359d8d580aa4f7f036d6f04fc6a94";
  const V vs[] = {
      {k128, 10, "", "0123456789", "2433477484"},
      {k128, 10, "39383736353433323130", "0123456789", "6124200773"},
      {k128, 36, "3737373770717273373737", "0123456789abcdefghi", "a9tv40mll9kdu509eum"},
      {k256, 36, "3737373770717273373737", "0123456789abcdefghi", "xs8a0azh2avyalyzuwd"},
      {"26dbd1998c3a046ac3ff11937079c034", 10, "5e551c3daad7e5fa", "999999", "851002"},
  };
  for (const V& v : vs) {
    std::vector<uint8_t> k = hex(v.key), t = hex(v.tweak);
    std::vector<uint32_t> out, back;
    CHECK(ps::ff1Encrypt(ps::ByteSpan(k), ps::ByteSpan(t), v.radix, numerals(v.pt), out) == ps::Status::Ok);
    CHECK_EQ(text(out), v.ct);
    CHECK(ps::ff1Decrypt(ps::ByteSpan(k), ps::ByteSpan(t), v.radix, out, back) == ps::Status::Ok);
    CHECK_EQ(text(back), v.pt);
  }
  std::vector<uint8_t> k = hex(k128);
  std::vector<uint32_t> out;
  CHECK(ps::ff1Encrypt(ps::ByteSpan(k), {}, 10, numerals("12345"), out) == ps::Status::BadInput);
  CHECK(ps::ff1CheckDomain(2, 19) == ps::Status::BadInput);
  CHECK(ps::ff1CheckDomain(2, 20) == ps::Status::Ok);
  // A large domain takes the BIGNUM path: round trip over radix 65536.
  std::vector<uint32_t> big(40), enc, dec;
  for (size_t i = 0; i < big.size(); i++) {
    big[i] = static_cast<uint32_t>((i * 2654435761u) % 65536);
  }
  CHECK(ps::ff1Encrypt(ps::ByteSpan(k), {}, 65536, big, enc) == ps::Status::Ok);
  CHECK(ps::ff1Decrypt(ps::ByteSpan(k), {}, 65536, enc, dec) == ps::Status::Ok);
  CHECK(dec == big);
}

TEST(hmac_reproduces_rfc4231_tc2_and_tc6) {
  std::vector<uint8_t> out;
  std::string data = "what do ya want for nothing?";
  std::vector<uint8_t> jefe = hex("4a656665");
  CHECK(ps::hmacSha256(ps::ByteSpan(jefe), ps::ByteSpan(std::string_view(data)), out) == ps::Status::Ok);
  CHECK_EQ(toHex(out), std::string("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
  std::vector<uint8_t> aa(131, 0xaa);
  std::string tc6 = "Test Using Larger Than Block-Size Key - Hash Key First";
  CHECK(ps::hmacSha256(ps::ByteSpan(aa), ps::ByteSpan(std::string_view(tc6)), out) == ps::Status::Ok);
  CHECK_EQ(toHex(out), std::string("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"));
}

ps::PolicySpec sivSpec(bool withOldKey) {
  ps::PolicySpec s;
  s.name = "email";
  s.method = ps::Method::Siv;
  s.domain = "email";
  s.keyId = "k2";
  s.key.assign(64, 0x22);
  s.sivKeys.emplace_back("k2", std::vector<uint8_t>(64, 0x22));
  if (withOldKey) {
    s.sivKeys.emplace_back("k1", std::vector<uint8_t>(64, 0x11));
  }
  s.email = ps::EmailMode::Keep;
  return s;
}

TEST(policy_siv_round_trips_and_fails_closed_on_removed_keys_and_tampering) {
  std::string error;
  ps::PolicyConstSharedPtr p = ps::createPolicy(sivSpec(true), error);
  CHECK(p != nullptr);
  std::string token, back;
  CHECK(p->forward(" Alice@Example.COM", token).status == ps::FieldStatus::Transformed);
  CHECK_EQ(token.substr(0, 6), std::string("t1.k2."));
  CHECK_EQ(token.substr(token.size() - 12), std::string("@example.com"));
  CHECK(p->reverse(token, back).status == ps::FieldStatus::Transformed);
  CHECK_EQ(back, std::string("alice@example.com"));
  std::string tampered = token;
  tampered[8] = tampered[8] == 'a' ? 'b' : 'a';
  CHECK(p->reverse(tampered, back).status == ps::FieldStatus::Rejected);
  std::string relabelled = token;
  relabelled[4] = '1';
  CHECK(p->reverse(relabelled, back).status == ps::FieldStatus::Rejected);
  ps::PolicyConstSharedPtr newOnly = ps::createPolicy(sivSpec(false), error);
  ps::PolicySpec oldSpec = sivSpec(true);
  oldSpec.keyId = "k1";
  oldSpec.key.assign(64, 0x11);
  ps::PolicyConstSharedPtr old = ps::createPolicy(std::move(oldSpec), error);
  std::string oldToken;
  CHECK(old->forward("bob@example.com", oldToken).status == ps::FieldStatus::Transformed);
  CHECK(p->reverse(oldToken, back).status == ps::FieldStatus::Transformed);
  CHECK(newOnly->reverse(oldToken, back).status == ps::FieldStatus::Rejected);
}

TEST(policy_ff1_keeps_format_and_integers_stay_in_range) {
  ps::PolicySpec s;
  s.name = "phone";
  s.method = ps::Method::Ff1;
  s.domain = "phone";
  s.key.assign(32, 0x33);
  s.alphabet = "0123456789";
  s.passthrough = "+-() ";
  std::string error;
  ps::PolicyConstSharedPtr p = ps::createPolicy(std::move(s), error);
  CHECK(p != nullptr);
  std::string out, back;
  CHECK(p->forward("+1 (555) 010-9999", out).status == ps::FieldStatus::Transformed);
  CHECK_EQ(out.size(), size_t{17});
  CHECK_EQ(out.substr(0, 4), std::string("+") + out[1] + " (");
  CHECK(p->reverse(out, back).status == ps::FieldStatus::Transformed);
  CHECK_EQ(back, std::string("+1 (555) 010-9999"));
  CHECK(p->forward("12-34", out).status == ps::FieldStatus::Rejected);
  for (int64_t v : {int64_t{0}, int64_t{-1}, int64_t{INT32_MIN}, int64_t{INT32_MAX}, int64_t{123456789}}) {
    int64_t t = 0, r = 0;
    CHECK(p->forwardInt(v, ps::IntWidth::I32, t).status != ps::FieldStatus::Rejected);
    CHECK(t >= INT32_MIN && t <= INT32_MAX);
    CHECK(p->reverseInt(t, ps::IntWidth::I32, r).status != ps::FieldStatus::Rejected);
    CHECK_EQ(r, v);
  }
  for (int64_t v : {INT64_MIN, INT64_MAX, int64_t{-42}}) {
    int64_t t = 0, r = 0;
    p->forwardInt(v, ps::IntWidth::I64, t);
    p->reverseInt(t, ps::IntWidth::I64, r);
    CHECK_EQ(r, v);
  }
  int64_t ignored = 0;
  CHECK(p->forwardInt(int64_t{1} << 40, ps::IntWidth::I32, ignored).status == ps::FieldStatus::Rejected);
}

TEST(create_policy_rejects_bad_specs_without_key_material_in_the_error) {
  ps::PolicySpec s = sivSpec(true);
  s.key.assign(16, 0x5a);
  std::string error;
  CHECK(ps::createPolicy(std::move(s), error) == nullptr);
  CHECK(error.find("email") != std::string::npos);
  CHECK(error.find("5a5a") == std::string::npos);
}

}  // namespace

int main() { return sluice_test::runAll(); }
