// Gateway-made responses: the contract §6 JSON envelope and status reason phrases.
#pragma once
#include <string>

namespace sluice {

/// `{"error":{"code":"…","message":"…"}}` with the message JSON-escaped.
std::string errorEnvelope(const char* code, const std::string& message);
/// Reason phrase for a status code ("Not Found"); "Unknown" if we have none.
const char* reasonPhrase(int status);

/// Appends "HTTP/1.1 <status> <reason>\r\n" (status 100..999) without printf on the per-request path.
void appendStatusLine(std::string& out, int status);

}  // namespace sluice
