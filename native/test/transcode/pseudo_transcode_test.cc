// Pseudonymization in the transcoder (contract §7): policy slots on strings, list elements, map keys and values,
// i32/i64 under ff1; forward while encoding, reverse while decoding only for reidentify calls; fail-closed 422 naming
// the field (never the value), on_error pass, a plan served without its policies, tampered tokens in replies, and
// a query-bound request field.
#include <string>
#include <vector>

#include "sluice/pseudo.h"
#include "sluice/transcode.h"
#include "test_support.h"

using namespace sluice;
using sluice::test::K;
using sluice::test::PlanBuilder;

namespace {

const uint8_t* u8(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.data()); }

transcode::PlanConstSharedPtr load(const PlanBuilder& b) {
  std::string blob = b.build();
  transcode::LoadStatus st;
  auto plan = transcode::loadPlan(u8(blob), blob.size(), st);
  CHECK(plan != nullptr);
  return plan;
}

pseudo::PolicyConstSharedPtr policy(pseudo::PolicySpec spec) {
  std::string error;
  auto p = pseudo::createPolicy(std::move(spec), error);
  if (!p) std::fprintf(stderr, "createPolicy: %s\n", error.c_str());
  CHECK(p != nullptr);
  return p;
}

// Plan policy order: email (siv), card (mask), ids (ff1 over bits), loose (ff1 digits, on_error pass),
// strict (ff1 digits, fail closed).
std::vector<pseudo::PolicyConstSharedPtr> policies() {
  std::vector<pseudo::PolicyConstSharedPtr> out;
  pseudo::PolicySpec email;
  email.name = "email";
  email.method = pseudo::Method::Siv;
  email.domain = "email";
  email.keyId = "k1";
  email.key.assign(64, 0x11);
  email.sivKeys.emplace_back("k1", std::vector<uint8_t>(64, 0x11));
  out.push_back(policy(std::move(email)));
  pseudo::PolicySpec card;
  card.name = "card";
  card.method = pseudo::Method::Mask;
  card.mask.keepLast = 4;
  card.mask.maskChar = "*";
  out.push_back(policy(std::move(card)));
  for (const char* name : {"ids", "loose", "strict"}) {
    pseudo::PolicySpec f;
    f.name = name;
    f.method = pseudo::Method::Ff1;
    f.domain = name;
    f.keyId = "k1";
    f.key.assign(32, 0x22);
    f.alphabet = "0123456789";
    f.onError = std::string(name) == "loose" ? pseudo::OnError::Pass : pseudo::OnError::Fail;
    out.push_back(policy(std::move(f)));
  }
  return out;
}

// struct R {1: string email [email], 2: list<string [email]> aliases, 3: map<string [card], string [email]> attrs,
//           4: i64 id [ids], 5: i32 badge [ids], 6: string phone [loose], 7: string pin [strict], 8: string plain}
PlanBuilder valuePlan() {
  PlanBuilder b;
  b.policyNames = {"email", "card", "ids", "loose", "strict"};
  auto slot = [&](uint32_t kind, uint32_t policy, uint32_t a = 0, uint32_t c = 0) {
    uint32_t t = b.type(kind, a, c);
    b.typePolicies.resize(b.types.size(), 0);
    b.typePolicies[t] = policy;
    return t;
  };
  uint32_t sEmail = slot(K::String, 1), sCard = slot(K::String, 2), i64Ids = slot(K::I64, 3), i32Ids = slot(K::I32, 3);
  uint32_t sLoose = slot(K::String, 4), sStrict = slot(K::String, 5), sPlain = slot(K::String, 0);
  uint32_t lEmail = slot(K::List, 0, sEmail), mAttrs = slot(K::Map, 0, sCard, sEmail);
  uint32_t tR = slot(K::Struct, 0, 0);
  using F = PlanBuilder::Field;
  b.structs.push_back({"t.R", 0, 0,
                       {F{1, 2, 0, sEmail, "email", "", "", false, ""}, F{2, 2, 0, lEmail, "aliases", "", "", false, ""},
                        F{3, 2, 0, mAttrs, "attrs", "", "", false, ""}, F{4, 2, 0, i64Ids, "id", "", "", false, ""},
                        F{5, 2, 0, i32Ids, "badge", "", "", false, ""}, F{6, 2, 0, sLoose, "phone", "", "", false, ""},
                        F{7, 2, 0, sStrict, "pin", "", "", false, ""}, F{8, 2, 0, sPlain, "plain", "", "", false, ""}}});
  b.root = tR;
  return b;
}

transcode::PseudoCall call(const std::vector<pseudo::PolicyConstSharedPtr>& ps, std::vector<transcode::PseudoCounts>& counts,
                           bool reidentify) {
  counts.assign(ps.size(), transcode::PseudoCounts());
  transcode::PseudoCall c;
  c.policies = ps.data();
  c.policyCount = ps.size();
  c.reidentify = reidentify;
  c.counts = counts.data();
  return c;
}

constexpr size_t kT = 0, kU = 1, kP = 2;  // FieldStatus: transformed, unchanged, passed_on_error

void forwardAndReverseEveryPosition() {
  auto plan = load(valuePlan());
  auto ps = policies();
  const std::string in =
      R"({"email":"ada@example.com","aliases":["ada","countess"],"attrs":{"4111111111111111":"lovelace"},)"
      R"("id":42,"badge":-7,"phone":"123","plain":"visible"})";
  for (auto proto : {thrift::Protocol::Binary, thrift::Protocol::Compact}) {
    std::vector<transcode::PseudoCounts> counts;
    transcode::PseudoCall fwd = call(ps, counts, false);
    std::string wire;
    transcode::TranscodeError err;
    CHECK(transcode::jsonToThrift(*plan, proto, in, wire, err, &fwd));
    for (const char* secret : {"ada@example.com", "countess", "4111111111111111", "lovelace"}) {
      CHECK(wire.find(secret) == std::string::npos);
    }
    CHECK(wire.find("visible") != std::string::npos);
    CHECK(wire.find("123") != std::string::npos);  // too short for ff1, on_error pass: forwarded as is
    CHECK_EQ(counts[0].n[kT], 4u);                 // email + 2 aliases + 1 map value
    CHECK_EQ(counts[1].n[kT], 1u);                 // the map key
    CHECK_EQ(counts[2].n[kT], 2u);                 // id + badge
    CHECK_EQ(counts[3].n[kP], 1u);
    // Everyone else sees pseudonyms (and no call = values as on the wire).
    std::string seen;
    CHECK(transcode::thriftToJson(*plan, proto, u8(wire), wire.size(), seen, err));
    CHECK(seen.find("\"email\":\"t1.k1.") != std::string::npos);
    CHECK(seen.find("\"************1111\":\"t1.k1.") != std::string::npos);
    CHECK(seen.find("\"id\":42,") == std::string::npos);
    std::vector<transcode::PseudoCounts> rc;
    transcode::PseudoCall unauthorized = call(ps, rc, false);
    std::string seen2;
    CHECK(transcode::thriftToJson(*plan, proto, u8(wire), wire.size(), seen2, err, &unauthorized));
    CHECK_EQ(seen2, seen);
    CHECK_EQ(rc[0].n[kT], 0u);
    // Authorized callers get the originals back; the mask is one-way, so the key stays masked.
    transcode::PseudoCall rev = call(ps, rc, true);
    std::string back;
    CHECK(transcode::thriftToJson(*plan, proto, u8(wire), wire.size(), back, err, &rev));
    CHECK_EQ(back, std::string(R"({"email":"ada@example.com","aliases":["ada","countess"],"attrs":{"************1111":"lovelace"},)"
                               R"("id":42,"badge":-7,"phone":"123","plain":"visible"})"));
    CHECK_EQ(rc[0].n[kT], 4u);
    CHECK_EQ(rc[1].n[kU], 1u);
    CHECK_EQ(rc[2].n[kT], 2u);
  }
}

void rejectedValuesFailClosedWithoutEchoingThem() {
  auto plan = load(valuePlan());
  auto ps = policies();
  std::vector<transcode::PseudoCounts> counts;
  transcode::PseudoCall fwd = call(ps, counts, false);
  std::string out = "keep";
  transcode::TranscodeError err;
  CHECK(!transcode::jsonToThrift(*plan, thrift::Protocol::Binary, R"({"email":"a@b.c","pin":"98765"})", out, err, &fwd));
  CHECK_EQ(out, std::string("keep"));
  CHECK_EQ(err.status, uint16_t{422});
  CHECK(err.kind == transcode::ErrorKind::PseudoFailed);
  CHECK_EQ(err.code, std::string("pseudonymization_failed"));
  CHECK_EQ(err.field, std::string("pin"));
  CHECK(err.message.find("strict") != std::string::npos);
  CHECK(err.message.find("98765") == std::string::npos);
  CHECK_EQ(counts[4].n[3], 1u);
  err = transcode::TranscodeError();
  // A plan with policy slots but no PseudoCall fails closed (500), never forwarding plaintext.
  CHECK(!transcode::jsonToThrift(*plan, thrift::Protocol::Binary, R"({"aliases":["x"]})", out, err));
  CHECK_EQ(err.status, uint16_t{500});
  CHECK_EQ(err.field, std::string("aliases[0]"));
}

void tamperedTokensAreNeverRestored() {
  auto plan = load(valuePlan());
  auto ps = policies();
  std::vector<transcode::PseudoCounts> counts;
  transcode::PseudoCall fwd = call(ps, counts, false);
  std::string wire;
  transcode::TranscodeError err;
  CHECK(transcode::jsonToThrift(*plan, thrift::Protocol::Binary, R"({"email":"ada@example.com"})", wire, err, &fwd));
  size_t at = wire.find("t1.k1.");
  CHECK(at != std::string::npos);
  wire[at + 10] = wire[at + 10] == 'a' ? 'b' : 'a';
  transcode::PseudoCall rev = call(ps, counts, true);
  std::string back = "x";
  CHECK(!transcode::thriftToJson(*plan, thrift::Protocol::Binary, u8(wire), wire.size(), back, err, &rev));
  CHECK_EQ(back, std::string("x"));
  CHECK_EQ(err.status, uint16_t{422});
  CHECK_EQ(err.field, std::string("email"));
  CHECK(err.message.find("ada") == std::string::npos);
}

// struct O {1: list<R> people}: R nested in a list, for JSON paths of failures.
PlanBuilder nestedPlan() {
  PlanBuilder b = valuePlan();
  uint32_t lR = b.type(K::List, b.root);
  uint32_t tO = b.type(K::Struct, static_cast<uint32_t>(b.structs.size()));
  b.typePolicies.resize(b.types.size(), 0);
  using F = PlanBuilder::Field;
  b.structs.push_back({"t.O", 0, 0, {F{1, 2, 0, lR, "people", "", "", false, ""}}});
  b.root = tO;
  return b;
}

// The wire of `json` with its n-th pseudonym token (0-based, wire order) altered, so it no longer authenticates.
std::string withTamperedToken(const transcode::Plan& plan, const std::string& json, size_t n) {
  auto ps = policies();
  std::vector<transcode::PseudoCounts> counts;
  transcode::PseudoCall fwd = call(ps, counts, false);
  std::string wire;
  transcode::TranscodeError err;
  CHECK(transcode::jsonToThrift(plan, thrift::Protocol::Binary, json, wire, err, &fwd));
  size_t at = std::string::npos;
  for (size_t i = 0, from = 0; i <= n; i++, from = at + 1) {
    at = wire.find("t1.k1.", from);
    CHECK(at != std::string::npos);
    if (at == std::string::npos) return wire;
  }
  wire[at + 10] = wire[at + 10] == 'a' ? 'b' : 'a';
  return wire;
}

// What a failed restore names: the JSON path of the value in the body the caller would have got (contract §6).
std::string failedField(const transcode::Plan& plan, const std::string& wire) {
  auto ps = policies();
  std::vector<transcode::PseudoCounts> counts;
  transcode::PseudoCall rev = call(ps, counts, true);
  std::string back;
  transcode::TranscodeError err;
  CHECK(!transcode::thriftToJson(plan, thrift::Protocol::Binary, u8(wire), wire.size(), back, err, &rev));
  CHECK_EQ(err.status, uint16_t{422});
  return err.field;
}

void failedRestoresNameTheJsonPathOfTheValue() {
  auto flat = load(valuePlan());
  CHECK_EQ(failedField(*flat, withTamperedToken(*flat, R"({"aliases":["ada","countess"]})", 1)), std::string("aliases[1]"));
  // Map keys under a one-way mask stay masked: the path names the key as the caller sees it.
  CHECK_EQ(failedField(*flat, withTamperedToken(*flat, R"({"attrs":{"4111111111111111":"lovelace"}})", 0)),
           std::string("attrs.************1111"));
  auto nested = load(nestedPlan());
  const std::string people = R"({"people":[{"email":"a@x.org"},{"email":"b@x.org","aliases":["p","q"]}]})";
  CHECK_EQ(failedField(*nested, withTamperedToken(*nested, people, 0)), std::string("people[0].email"));
  CHECK_EQ(failedField(*nested, withTamperedToken(*nested, people, 1)), std::string("people[1].email"));
  CHECK_EQ(failedField(*nested, withTamperedToken(*nested, people, 3)), std::string("people[1].aliases[1]"));
}

// args {1: string q [email] (query q)} -> string [email]
PlanBuilder callPlan() {
  PlanBuilder b;
  b.policyNames = {"email"};
  uint32_t s = b.type(K::String);
  b.typePolicies = {1};
  using F = PlanBuilder::Field;
  b.structs.push_back({"t.S:find_args", 0, 0, {F{1, 2, 0, s, "q", "", "", false, ""}}});
  b.structs.push_back({"t.S:find_result", 0, 0, {F{0, 2, 0, s, "success", "", "", false, ""}}});
  b.hasFunction = true;
  b.messageName = "find";
  b.shape = 1;
  b.argsStruct = 0;
  b.requestStruct = 0;
  b.resultStruct = 1;
  b.bindings = {{0, {{1, "q"}}}};
  return b;
}

std::string reply(const std::string& value) {
  std::string msg;
  thrift::writeMessageBegin(thrift::Protocol::Binary, "find", thrift::MessageType::Reply, 1, msg);
  msg += std::string("\x0b\x00\x00", 3);
  uint32_t n = static_cast<uint32_t>(value.size());
  for (int i = 3; i >= 0; --i) msg.push_back(static_cast<char>(n >> (8 * i)));
  msg += value;
  msg.push_back('\0');
  return msg;
}

void queryBindingsAndRepliesArePseudonymized() {
  auto plan = load(callPlan());
  std::vector<pseudo::PolicyConstSharedPtr> ps = {policies()[0]};
  std::vector<transcode::PseudoCounts> counts;
  transcode::PseudoCall fwd = call(ps, counts, false);
  transcode::RequestView req;
  req.method = "GET";
  req.rawQuery = "q=ada%40example.com";
  std::string frame;
  transcode::TranscodeError err;
  CHECK(transcode::encodeCall(*plan, req, 1, frame, err, &fwd));
  CHECK(frame.find("ada@example.com") == std::string::npos);
  size_t at = frame.find("t1.k1.");
  CHECK(at != std::string::npos);
  std::string token = frame.substr(at);
  while (!token.empty() && token.back() == '\0') token.pop_back();  // the args struct's stop
  transcode::ResponseOut out;
  transcode::decodeReply(*plan, u8(reply(token)), reply(token).size(), out);
  CHECK_EQ(out.body, "\"" + token + "\"");
  transcode::PseudoCall rev = call(ps, counts, true);
  std::string r = reply(token);
  transcode::decodeReply(*plan, u8(r), r.size(), out, &rev);
  CHECK_EQ(out.status, uint16_t{200});
  CHECK_EQ(out.body, std::string("\"ada@example.com\""));
  std::string forged = reply("t1.k1.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  transcode::decodeReply(*plan, u8(forged), forged.size(), out, &rev);
  CHECK_EQ(out.status, uint16_t{422});
  CHECK_EQ(out.errorCode, std::string("pseudonymization_failed"));
  CHECK(out.body.find("aaaaaaaa") == std::string::npos);  // the token is not echoed either
  CHECK(out.body.find("\"field\"") == std::string::npos);  // the whole body is the value: no field path
  // A bad query value under a fail-closed policy names `query:q`.
  pseudo::PolicySpec strict;
  strict.name = "strict";
  strict.method = pseudo::Method::Ff1;
  strict.domain = "strict";
  strict.keyId = "k1";
  strict.key.assign(32, 0x22);
  strict.alphabet = "0123456789";
  std::vector<pseudo::PolicyConstSharedPtr> sp = {policy(std::move(strict))};
  transcode::PseudoCall sc = call(sp, counts, false);
  req.rawQuery = "q=12";
  frame.clear();
  CHECK(!transcode::encodeCall(*plan, req, 1, frame, err, &sc));
  CHECK_EQ(err.status, uint16_t{422});
  CHECK_EQ(err.field, std::string("query:q"));
  CHECK(frame.empty());
}

}  // namespace

int main() {
  forwardAndReverseEveryPosition();
  rejectedValuesFailClosedWithoutEchoingThem();
  tamperedTokensAreNeverRestored();
  failedRestoresNameTheJsonPathOfTheValue();
  queryBindingsAndRepliesArePseudonymized();
  return test::finish("pseudo_transcode_test");
}
