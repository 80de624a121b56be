// Per-field pseudonymization for the data plane (contract §7): a compiled, immutable Policy that the
// transcoder calls for each annotated field, in the request direction (forward) and, for callers with
// the reidentify scope, in the response direction (reverse). Output is byte-identical to the
// TypeScript reference (src/pseudo/transform-*.ts), which test/unit/pseudo/native-policy.test.ts checks.
//
// Lifecycle: the control plane compiles the `pseudonymization:` section in TypeScript (validation,
// keyring, HKDF subkeys), hands each policy's PolicySpec to createPolicy() on the control thread, and
// publishes the resulting PolicyConstSharedPtr inside the route plans' config snapshot. Policy methods
// are const and thread-safe: any worker may call them concurrently. No exceptions; never logs.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sluice/pseudo_primitives.h"

namespace sluice::pseudo {

enum class Method { Siv, Ff1, Hmac, Mask, Redact, Constant };
enum class OnError { Fail, Pass };
enum class MacEncoding { Hex, Base32, Base64Url };
// Email awareness (siv, hmac): None = the value is opaque; Keep = transform the local part, keep the
// lower-cased domain; Pseudonymize = transform the whole address, append "@pseudo.invalid".
enum class EmailMode { None, Keep, Pseudonymize };
enum class IntWidth { I32, I64 };

// Everything a Policy needs, produced by src/pseudo/native-spec.ts. Owns its key bytes; createPolicy
// takes it by rvalue so the keys move into the Policy and are wiped when the Policy dies.
struct PolicySpec {
  std::string name;
  Method method = Method::Redact;
  std::string domain;
  OnError onError = OnError::Fail;
  std::string keyId;                 // siv: id written into new tokens; ff1/hmac: the pinned key id
  std::vector<uint8_t> key;          // siv: 64-byte subkey of keyId; ff1/hmac: 32-byte subkey
  std::vector<std::pair<std::string, std::vector<uint8_t>>> sivKeys;  // siv: every key id -> subkey
  EmailMode email = EmailMode::None;
  bool emailNormalizeCase = true;
  std::string alphabet;              // ff1, UTF-8, distinct code points
  std::string passthrough;           // ff1 and mask: UTF-8 characters left in place
  MacEncoding encoding = MacEncoding::Hex;
  MaskOptions mask;                  // mask (its `skip` is ignored: `passthrough` is used)
  std::string constant;              // constant
};

// What a field transform did. Each member states what the caller MUST do next.
enum class FieldStatus {
  Transformed,    // MUST replace the field with `out`.
  Unchanged,      // nothing to do (one-way method in reverse, empty string); `out` equals the input.
  PassedOnError,  // transform failed, policy says on_error: pass; MUST forward the input as is (`out` = input).
  Rejected,       // transform failed, fail-closed; MUST stop the request: 422 pseudonymization_failed,
                  // nothing forwarded, value never echoed. `out` is unspecified.
};

struct FieldResult {
  FieldStatus status;
  Status reason;  // Ok unless the transform failed; statusMessage(reason) is value-free.
};

class Policy {
 public:
  virtual ~Policy() = default;
  virtual const std::string& name() const = 0;
  // siv and ff1 can be reversed; the others are one-way.
  virtual bool reversible() const = 0;
  // ff1 and hmac apply to i32/i64 fields; the plan compiler checks this at config time.
  virtual bool appliesToIntegers() const = 0;

  // Request direction for string (and binary) fields. `out` is overwritten.
  virtual FieldResult forward(std::string_view in, std::string& out) const = 0;
  // Response direction, only for callers authorized by the reidentify scope. A tampered token or a
  // token of a key no longer in the keyring is Rejected (or PassedOnError), never partial plaintext.
  virtual FieldResult reverse(std::string_view in, std::string& out) const = 0;
  // i32/i64 fields: the result stays in the type's range (ff1 permutes the whole type).
  virtual FieldResult forwardInt(int64_t in, IntWidth width, int64_t& out) const = 0;
  virtual FieldResult reverseInt(int64_t in, IntWidth width, int64_t& out) const = 0;
};

using PolicyConstSharedPtr = std::shared_ptr<const Policy>;

// Validates `spec` (key sizes, alphabet) and builds the Policy. On failure returns nullptr and sets
// `error` to a value-free, key-free description.
PolicyConstSharedPtr createPolicy(PolicySpec&& spec, std::string& error);

}  // namespace sluice::pseudo
