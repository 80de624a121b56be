// The snapshot's pseudonymization section (engine/pseudo_set.*): policies built once per publish, reidentify
// digests and bearer-token lookup, plan policy resolution, and malformed input (truncation at every offset).
#include <cstring>
#include <string>

#include "engine/pseudo_set.h"
#include "engine/snapshot.h"
#include "transcode/plan.h"
#include "transcode/test_support.h"

using namespace sluice;
using sluice::test::K;
using sluice::test::PlanBuilder;

namespace {

struct Bytes {
  std::string b;
  void u8(uint8_t v) { b.push_back(static_cast<char>(v)); }
  void u32(uint32_t v) {
    for (int i = 0; i < 4; i++) b.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
  void u64(uint64_t v) {
    u32(static_cast<uint32_t>(v));
    u32(static_cast<uint32_t>(v >> 32));
  }
  void str(const std::string& s) {
    u32(static_cast<uint32_t>(s.size()));
    b += s;
  }
};

// sha256("s3cret"), the digest test/unit/config/load.test.ts pins.
const std::string kDigest = test::unhex("1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0");

void policy(Bytes& w, const std::string& name, uint8_t method, const std::string& key, bool sivKeys) {
  w.str(name);
  w.u8(method);
  w.str(name);  // domain
  w.u8(0);      // on_error fail
  w.str(key.empty() ? "" : "k1");
  w.str(key);
  if (sivKeys) {
    w.u32(1);
    w.str("k1");
    w.str(key);
  } else {
    w.u32(0);
  }
  w.u8(0);  // email none
  w.u8(1);
  w.str("");  // alphabet
  w.str("");  // passthrough
  w.u8(0);    // hex
  w.u32(0);
  w.u32(4);  // keep_last
  w.str("*");
  w.str("");
}

std::string pseudoSection(const std::string& sivKey) {
  Bytes w;
  w.u32(2);
  policy(w, "email", 0, sivKey, true);
  policy(w, "card", 3, "", false);
  w.u32(1);
  w.str(kDigest);
  w.str("auditor");
  return w.b;
}

// A snapshot with one thrift route whose plan places `planPolicy` on a string, one upstream, and `pseudo`.
std::string snapshot(const std::string& planPolicy, const std::string& pseudo) {
  PlanBuilder p;
  p.policyNames = {planPolicy};
  p.type(K::String);
  p.typePolicies = {1};
  p.root = 0;
  Bytes w;
  w.b = "SLS1";
  w.u64(3);
  w.u32(1);
  w.str("r1");
  w.u8(1);
  w.u32(0);
  w.str("/x");
  w.u8(2);
  w.str("up");
  w.str(p.build());
  w.u32(1);
  w.str("up");
  w.u32(1);
  w.str("127.0.0.1:9");
  w.u8(0);
  w.u8(0);
  w.u32(1000);
  w.u32(1000);
  w.u32(4);
  w.str("");
  w.u32(0);  // no thrift listeners
  w.b += pseudo;
  return w.b;
}

std::shared_ptr<Snapshot> decode(const std::string& bytes, std::string& why) {
  return decodeSnapshot(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), &why);
}

void decodesPoliciesAndResolvesPlans() {
  std::string why;
  auto s = decode(snapshot("email", pseudoSection(std::string(64, '\x11'))), why);
  CHECK(s != nullptr);
  if (!s) return;
  CHECK_EQ(s->pseudo.policies.size(), size_t{2});
  CHECK_EQ(s->pseudo.find("card"), 1);
  CHECK_EQ(s->pseudo.find("nope"), -1);
  CHECK(s->pseudo.policies[0]->reversible());
  CHECK(!s->pseudo.policies[1]->reversible());
  const PlanPolicies& pp = s->routes[0].thrift.policies;
  CHECK_EQ(pp.byPlanIndex.size(), size_t{1});
  CHECK(pp.byPlanIndex[0] == s->pseudo.policies[0]);
  CHECK_EQ(pp.snapshotIndex[0], 0u);
  CHECK(pp.anyReversible);
  std::string out;
  CHECK(s->pseudo.policies[1]->forward("4111111111111111", out).status == pseudo::FieldStatus::Transformed);
  CHECK_EQ(out, std::string("************1111"));
}

void findsReidentifyCallersByBearerToken() {
  std::string why;
  auto s = decode(snapshot("card", pseudoSection(std::string(64, '\x11'))), why);
  CHECK(s != nullptr);
  if (!s) return;
  const PseudoSet& p = s->pseudo;
  const ReidentifyToken* t = p.callerForAuthorization("Bearer s3cret");
  CHECK(t != nullptr && t->name == "auditor");
  CHECK(p.callerForAuthorization("bearer \t s3cret  ") != nullptr);
  CHECK(p.callerForAuthorization("Bearer s3cret2") == nullptr);
  CHECK(p.callerForAuthorization("Basic s3cret") == nullptr);
  CHECK(p.callerForAuthorization("Bearer") == nullptr);
  CHECK(p.callerForAuthorization("Bearer ") == nullptr);
  CHECK(p.callerForAuthorization("Bearer s3 cret") == nullptr);
  CHECK(p.callerForAuthorization("Bearers3cret") == nullptr);
  CHECK(!s->routes[0].thrift.policies.anyReversible);
}

void rejectsPoliciesThatDoNotBuildWithoutLeakingKeys() {
  std::string why;
  std::string key(10, 'Z');  // AES-SIV needs 32/48/64 bytes
  CHECK(decode(snapshot("email", pseudoSection(key)), why) == nullptr);
  CHECK(why.find("email") != std::string::npos);
  CHECK(why.find("ZZZZ") == std::string::npos);
}

void rejectsPlansNamingUndefinedPolicies() {
  std::string why;
  CHECK(decode(snapshot("phone", pseudoSection(std::string(64, '\x11'))), why) == nullptr);
  CHECK(why.find("phone") != std::string::npos);
  // No pseudonymization section at all: a plan with a policy cannot be served.
  CHECK(decode(snapshot("email", ""), why) == nullptr);
}

void rejectsATruncatedSectionAtEveryOffset() {
  std::string full = snapshot("email", pseudoSection(std::string(64, '\x11')));
  std::string base = snapshot("email", "");
  std::string why;
  for (size_t n = base.size() + 1; n < full.size(); ++n) {
    CHECK(decodeSnapshot(reinterpret_cast<const uint8_t*>(full.data()), n, &why) == nullptr);
  }
  std::string bad = full;
  bad[base.size() + 4 + 4 + 5] = 9;  // first policy's method byte
  CHECK(decode(bad, why) == nullptr);
}

void plansRejectPolicySlotsOutOfRangeOrOnNonLeaves() {
  transcode::LoadStatus st;
  PlanBuilder p;
  p.policyNames = {"email"};
  p.type(K::String);
  p.typePolicies = {2};
  std::string b = p.build();
  CHECK(transcode::loadPlan(reinterpret_cast<const uint8_t*>(b.data()), b.size(), st) == nullptr);
  PlanBuilder q;
  q.policyNames = {"email"};
  q.type(K::Double);
  q.typePolicies = {1};
  b = q.build();
  CHECK(transcode::loadPlan(reinterpret_cast<const uint8_t*>(b.data()), b.size(), st) == nullptr);
  PlanBuilder r;
  r.policyNames = {"email"};
  r.type(K::I64);
  r.typePolicies = {1};
  b = r.build();
  auto plan = transcode::loadPlan(reinterpret_cast<const uint8_t*>(b.data()), b.size(), st);
  CHECK(plan != nullptr);
  if (plan) CHECK_EQ(plan->types[0].policy, 1u);
}

}  // namespace

int main() {
  decodesPoliciesAndResolvesPlans();
  findsReidentifyCallersByBearerToken();
  rejectsPoliciesThatDoNotBuildWithoutLeakingKeys();
  rejectsPlansNamingUndefinedPolicies();
  rejectsATruncatedSectionAtEveryOffset();
  plansRejectPolicySlotsOutOfRangeOrOnNonLeaves();
  return test::finish("pseudo_set_test");
}
