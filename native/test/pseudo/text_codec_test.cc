// Token/MAC encodings of native/src/pseudo/text_codec.cc (must match src/pseudo/encoding.ts).
#include "check.h"
#include "pseudo/text_codec.h"

namespace codec = sluice::pseudo::detail;

namespace {

std::string b32(const std::string& s) {
  return codec::base32Encode(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

// RFC 4648 §10 vectors, lower-cased and without padding.
TEST(base32_encodes_rfc4648_vectors_lowercase_unpadded) {
  CHECK_EQ(b32(""), std::string(""));
  CHECK_EQ(b32("f"), std::string("my"));
  CHECK_EQ(b32("fo"), std::string("mzxq"));
  CHECK_EQ(b32("foo"), std::string("mzxw6"));
  CHECK_EQ(b32("foob"), std::string("mzxw6yq"));
  CHECK_EQ(b32("fooba"), std::string("mzxw6ytb"));
  CHECK_EQ(b32("foobar"), std::string("mzxw6ytboi"));
}

TEST(base32_decodes_case_insensitively_and_rejects_non_canonical_text) {
  std::vector<uint8_t> out;
  CHECK(codec::base32Decode("MZXW6YTBOI", out));
  CHECK_EQ(std::string(out.begin(), out.end()), std::string("foobar"));
  CHECK(!codec::base32Decode("mzxw6ytbo1", out));  // '1' is not in the alphabet
  CHECK(codec::base32Decode("my", out));
  CHECK_EQ(std::string(out.begin(), out.end()), std::string("f"));
  CHECK(!codec::base32Decode("mz", out));           // same byte, but the spare bits are not zero
  CHECK(!codec::base32Decode("mzx", out));          // 15 bits: a dangling partial byte
}

TEST(hex_and_base64url_match_node_buffer_encodings) {
  const uint8_t bytes[] = {0x00, 0xfb, 0xff, 0x10};
  CHECK_EQ(codec::hexEncode(bytes, 4), std::string("00fbff10"));
  CHECK_EQ(codec::base64UrlEncode(bytes, 4), std::string("APv_EA"));
  CHECK_EQ(codec::base64UrlEncode(bytes, 3), std::string("APv_"));
  CHECK_EQ(codec::base64UrlEncode(bytes, 2), std::string("APs"));
}

TEST(ascii_lower_folds_only_a_to_z) {
  CHECK_EQ(codec::asciiLower("AbC\xC3\x89z"), std::string("abc\xC3\x89z"));
}

}  // namespace

int main() { return sluice_test::runAll(); }
