// Masking and UTF-8 handling of native/src/pseudo/mask.cc (no OpenSSL needed; the crypto primitives
// are tested inside node by test/unit/pseudo/native*.test.ts, where OpenSSL's symbols exist).
#include "check.h"
#include "sluice/pseudo_primitives.h"

using sluice::pseudo::mask;
using sluice::pseudo::MaskOptions;
using sluice::pseudo::utf8Append;
using sluice::pseudo::utf8Decode;

namespace {

MaskOptions opts(uint32_t first, uint32_t last, std::string ch = "*", std::string skip = "") {
  MaskOptions o;
  o.keepFirst = first;
  o.keepLast = last;
  o.maskChar = std::move(ch);
  o.skip = std::move(skip);
  return o;
}

TEST(mask_keeps_last_n_and_masks_the_rest) {
  CHECK_EQ(mask("4111111111111111", opts(0, 4)), std::string("************1111"));
}

TEST(mask_skips_separators_without_counting_them) {
  CHECK_EQ(mask("1234-5678-9012-3456", opts(0, 4, "*", "-")), std::string("****-****-****-3456"));
  CHECK_EQ(mask("+1 (555) 010-9999", opts(1, 2, "#", "+ ()-")), std::string("+1 (###) ###-##99"));
}

TEST(mask_hides_short_values_entirely) {
  CHECK_EQ(mask("1234", opts(0, 4)), std::string("****"));
  CHECK_EQ(mask("12345", opts(2, 3)), std::string("*****"));
  CHECK_EQ(mask("123456", opts(2, 3)), std::string("12*456"));
  CHECK_EQ(mask("", opts(0, 4)), std::string(""));
}

TEST(mask_counts_code_points_and_uses_multibyte_mask_chars) {
  CHECK_EQ(mask("a\xF0\x9F\x98\x80" "b\xF0\x9F\x98\x80" "c", opts(1, 1, "\xE2\x80\xA2")),
           std::string("a\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2" "c"));
}

TEST(utf8_round_trips_valid_text_and_keeps_invalid_bytes) {
  std::string text = "h\xC3\xA9llo \xF0\x9F\x98\x80";
  std::vector<uint32_t> cps = utf8Decode(text);
  CHECK_EQ(cps.size(), size_t{7});
  CHECK_EQ(cps[1], uint32_t{0xE9});
  CHECK_EQ(cps[6], uint32_t{0x1F600});
  std::string invalid = "a\xFF\xC3";  // a stray byte and a truncated sequence
  std::string back;
  for (uint32_t c : utf8Decode(invalid)) {
    utf8Append(c, back);
  }
  CHECK_EQ(back, invalid);
  CHECK_EQ(utf8Decode(invalid).size(), size_t{3});
}

}  // namespace

int main() { return sluice_test::runAll(); }
