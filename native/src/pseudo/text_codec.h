// Token and MAC text encodings shared by the policies: lower-case unpadded base32, hex, base64url.
// Mirrors src/pseudo/encoding.ts exactly.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::pseudo::detail {

std::string base32Encode(const uint8_t* data, size_t len);
// Case-insensitive; false on any non-alphabet character or non-canonical trailing bits.
bool base32Decode(std::string_view text, std::vector<uint8_t>& out);
std::string hexEncode(const uint8_t* data, size_t len);
std::string base64UrlEncode(const uint8_t* data, size_t len);
// ASCII-only lower-casing (A-Z), as src/pseudo/transform-string.ts asciiLower.
std::string asciiLower(std::string_view s);

}  // namespace sluice::pseudo::detail
