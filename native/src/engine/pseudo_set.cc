// Pseudonymization section of the snapshot (written by src/native/snapshot.ts encodePseudo; little-endian,
// str = u32 length + bytes):
//   u32 npolicies, each:
//     str name; u8 method (0 siv, 1 ff1, 2 hmac, 3 mask, 4 redact, 5 constant); str domain; u8 onError (0 fail,
//     1 pass); str keyId; str key (raw subkey bytes); u32 nsiv, each { str keyId; str subkey };
//     u8 email (0 none, 1 keep, 2 pseudonymize); u8 emailNormalizeCase; str alphabet; str passthrough;
//     u8 encoding (0 hex, 1 base32, 2 base64url); u32 keepFirst; u32 keepLast; str maskChar; str constant
//   u32 nreidentify, each: str sha256 (32 raw bytes); str tokenName
#include "engine/pseudo_set.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <cstring>

#include "engine/http_parser.h"
#include "transcode/blob_reader.h"
#include "transcode/plan.h"

namespace sluice {
namespace {

// SHA-256 fetched once for the process: OpenSSL 3.0's implicit fetch takes locks on every call.
const EVP_MD* sha256() {
  static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
}

}  // namespace

int PseudoSet::find(std::string_view name) const {
  for (size_t i = 0; i < policies.size(); ++i) {
    if (policies[i]->name() == name) return static_cast<int>(i);
  }
  return -1;
}

const ReidentifyToken* PseudoSet::caller(const uint8_t (&digest)[32]) const {
  const ReidentifyToken* found = nullptr;
  for (const ReidentifyToken& t : reidentify) {
    if (CRYPTO_memcmp(t.digest.data(), digest, 32) == 0 && found == nullptr) found = &t;
  }
  return found;
}

const ReidentifyToken* PseudoSet::callerForAuthorization(std::string_view v) const {
  if (reidentify.empty() || v.size() < 7 || !equalsIgnoreCase(v.substr(0, 6), "bearer") || (v[6] != ' ' && v[6] != '\t')) {
    return nullptr;
  }
  v.remove_prefix(7);
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  if (v.empty()) return nullptr;
  for (char c : v) {
    if (c == ' ' || c == '\t') return nullptr;  // one token, as the admin API's `Bearer\s+(\S+)`
  }
  const EVP_MD* md = sha256();
  uint8_t digest[32];
  unsigned int len = 0;
  if (md == nullptr || EVP_Digest(v.data(), v.size(), digest, &len, md, nullptr) != 1 || len != 32) return nullptr;
  return caller(digest);
}

bool resolvePlanPolicies(const PseudoSet& set, const transcode::Plan& plan, PlanPolicies* out, std::string* why) {
  out->byPlanIndex.clear();
  out->snapshotIndex.clear();
  out->anyReversible = false;
  for (const std::string& name : plan.policyNames) {
    int i = set.find(name);
    if (i < 0) {
      *why = "plan names pseudonymization policy '" + name + "', which the snapshot does not define";
      return false;
    }
    out->byPlanIndex.push_back(set.policies[static_cast<size_t>(i)]);
    out->snapshotIndex.push_back(static_cast<uint32_t>(i));
    out->anyReversible = out->anyReversible || set.policies[static_cast<size_t>(i)]->reversible();
  }
  return true;
}

size_t decodePseudoSection(const uint8_t* p, size_t n, PseudoSet* out, std::string* why) {
  transcode::BlobReader r(p, n);
  uint32_t np = r.count(20);  // a policy spec takes at least 20 bytes (its length prefixes and option bytes)
  for (uint32_t i = 0; i < np && !r.bad(); ++i) {
    pseudo::PolicySpec spec;
    spec.name = r.str();
    uint8_t method = r.u8();
    spec.domain = r.str();
    uint8_t onError = r.u8();
    spec.keyId = r.str();
    spec.key = r.bytes();
    uint32_t nsiv = r.count(8);
    for (uint32_t k = 0; k < nsiv && !r.bad(); ++k) {
      std::string id = r.str();
      spec.sivKeys.emplace_back(std::move(id), r.bytes());
    }
    uint8_t email = r.u8();
    spec.emailNormalizeCase = r.u8() != 0;
    spec.alphabet = r.str();
    spec.passthrough = r.str();
    uint8_t encoding = r.u8();
    spec.mask.keepFirst = r.u32();
    spec.mask.keepLast = r.u32();
    spec.mask.maskChar = r.str();
    spec.constant = r.str();
    if (r.bad()) break;
    if (method > 5 || onError > 1 || email > 2 || encoding > 2) {
      *why = "pseudonymization policy '" + spec.name + "' has an unknown method or option";
      return 0;
    }
    spec.method = static_cast<pseudo::Method>(method);
    spec.onError = onError == 1 ? pseudo::OnError::Pass : pseudo::OnError::Fail;
    spec.email = static_cast<pseudo::EmailMode>(email);
    spec.encoding = static_cast<pseudo::MacEncoding>(encoding);
    std::string name = spec.name;
    if (out->find(name) >= 0) {
      *why = "pseudonymization policy '" + name + "' appears twice";
      return 0;
    }
    std::string error;
    pseudo::PolicyConstSharedPtr policy = pseudo::createPolicy(std::move(spec), error);
    if (!policy) {
      *why = "pseudonymization policy '" + name + "': " + error;  // createPolicy's errors are key- and value-free
      return 0;
    }
    out->policies.push_back(std::move(policy));
  }
  uint32_t nt = r.count(8);
  for (uint32_t i = 0; i < nt && !r.bad(); ++i) {
    std::string digest = r.str();
    ReidentifyToken t;
    t.name = r.str();
    if (r.bad()) break;
    if (digest.size() != 32) {
      *why = "reidentify token '" + t.name + "' has a digest that is not 32 bytes";
      return 0;
    }
    std::memcpy(t.digest.data(), digest.data(), 32);
    out->reidentify.push_back(std::move(t));
  }
  if (r.bad()) {
    *why = "snapshot pseudonymization section is truncated";
    return 0;
  }
  return r.used();
}

}  // namespace sluice
