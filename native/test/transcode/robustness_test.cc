// Malformed input of any kind yields an error status, never a crash and never unbounded work: mutated and
// truncated Thrift replies, random bytes, mutated JSON bodies and query strings, through every entry point.
// Deterministic (seeded); run under ASan/UBSan by native/test/run.sh.
#include <cstdint>
#include <string>

#include "sluice/thrift_wire.h"
#include "sluice/transcode.h"
#include "test_support.h"

using namespace sluice;
using sluice::test::K;
using sluice::test::PlanBuilder;

namespace {

uint64_t state = 0x9e3779b97f4a7c15ull;
uint32_t next() {
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return static_cast<uint32_t>(state);
}

const uint8_t* u8(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.data()); }

// A recursive type with every container: Node {1: string s, 2: list<Node> kids, 3: map<string, i64> m,
// 4: set<double> ds, 5: binary b, 6: required i32 n}; result {0: Node success}.
PlanBuilder plan(uint8_t protocol) {
  PlanBuilder b;
  b.protocol = protocol;
  uint32_t ts = b.type(K::String), ti64 = b.type(K::I64), td = b.type(K::Double), tbin = b.type(K::Binary),
           ti32 = b.type(K::I32), tnode = b.type(K::Struct, 0);
  uint32_t tl = b.type(K::List, tnode), tm = b.type(K::Map, ts, ti64), tset = b.type(K::Set, td);
  using F = PlanBuilder::Field;
  b.structs.push_back({"t.Node", 0, 0,
                       {F{1, 2, 0, ts, "s", "", "", false, ""}, F{2, 2, 0, tl, "kids", "", "", false, ""},
                        F{3, 2, 0, tm, "m", "", "", false, ""}, F{4, 2, 0, tset, "ds", "", "", false, ""},
                        F{5, 2, 0, tbin, "b", "", "", false, ""}, F{6, 1, 0, ti32, "n", "", "", false, ""}}});
  b.structs.push_back({"t.S:f_args", 0, 0, {F{1, 0, 0, tnode, "node", "", "", false, ""}}});
  b.structs.push_back({"t.S:f_result", 0, 0, {F{0, 2, 0, tnode, "success", "", "", false, ""}}});
  b.root = tnode;
  b.hasFunction = true;
  b.messageName = "f";
  b.shape = 0;
  b.argsStruct = 1;
  b.requestStruct = 0;
  b.requestArgId = 1;
  b.resultStruct = 2;
  b.bindings = {{0, {{1, "s"}}}, {1, {{4, "kids"}}}, {2, {{4, "m"}}}, {3, {{1, "ds"}}}, {4, {{2, "B"}}},
                {5, {{0, "n"}}}};
  return b;
}

const char* kSeedJson =
    R"({"s":"root","n":1,"kids":[{"n":2,"s":"\u00e9","m":{"a":9007199254740993},"ds":[1.5,"NaN",-0.0]},)"
    R"({"n":3,"kids":[{"n":4,"b":"AAEC"}]}],"m":{"x":-1,"y":2},"ds":[],"b":"_-8"})";

std::string mutate(const std::string& in) {
  std::string s = in;
  int edits = 1 + static_cast<int>(next() % 4);
  for (int i = 0; i < edits && !s.empty(); ++i) {
    size_t at = next() % s.size();
    switch (next() % 5) {
      case 0: s[at] = static_cast<char>(next()); break;
      case 1: s.erase(at, 1 + next() % 8); break;
      case 2: s.insert(at, 1, static_cast<char>(next())); break;
      case 3: s.resize(at); break;
      default: s.insert(at, s.substr(next() % s.size(), next() % 16)); break;
    }
  }
  return s;
}

void fuzzDecoders(thrift::Protocol proto) {
  auto p = plan(static_cast<uint8_t>(proto));
  std::string blob = p.build();
  transcode::LoadStatus st;
  auto plan = transcode::loadPlan(u8(blob), blob.size(), st);
  CHECK(plan != nullptr);
  std::string good;
  transcode::TranscodeError err;
  CHECK(transcode::jsonToThrift(*plan, proto, kSeedJson, good, err));
  std::string msg;
  thrift::writeMessageBegin(proto, "f", thrift::MessageType::Reply, 1, msg);
  msg += (proto == thrift::Protocol::Binary ? std::string("\x0c\x00\x00", 3) : std::string("\x0c\x00", 2)) + good +
         std::string(1, '\0');
  transcode::ResponseOut out;
  transcode::decodeReply(*plan, u8(msg), msg.size(), out);
  CHECK_EQ(out.status, uint16_t{200});
  int rejected = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string m = mutate(i % 2 ? msg : good);
    std::string json;
    bool ok = transcode::thriftToJson(*plan, proto, u8(m), m.size(), json, err);
    if (!ok) {
      ++rejected;
      CHECK(json.empty());
    }
    transcode::decodeReply(*plan, u8(m), m.size(), out);
    CHECK(out.status == 200 || out.status == 502 || out.status == 501);
    for (auto t : {thrift::Transport::Framed, thrift::Transport::Buffered, thrift::Transport::Header}) {
      thrift::FrameScan s = thrift::findMessageEnd(t, proto, u8(m), m.size());
      CHECK(s.status != thrift::ScanStatus::Complete || s.frameLength <= m.size());
    }
    thrift::skipValue(proto, 12, u8(m), m.size());
  }
  CHECK(rejected > 1000);
  // Pure random bytes.
  for (int i = 0; i < 20000; ++i) {
    std::string r(next() % 64, '\0');
    for (char& c : r) c = static_cast<char>(next());
    std::string json;
    transcode::thriftToJson(*plan, proto, u8(r), r.size(), json, err);
    transcode::decodeReply(*plan, u8(r), r.size(), out);
  }
}

void fuzzEncoders(thrift::Protocol proto) {
  auto p = plan(static_cast<uint8_t>(proto));
  std::string blob = p.build();
  transcode::LoadStatus st;
  auto plan = transcode::loadPlan(u8(blob), blob.size(), st);
  int rejected = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string j = mutate(kSeedJson);
    std::string bytes;
    transcode::TranscodeError err;
    if (!transcode::jsonToThrift(*plan, proto, j, bytes, err)) {
      ++rejected;
      CHECK(bytes.empty());
      CHECK_EQ(err.status, uint16_t{400});
    }
    transcode::NameValue path[] = {{"n", "5"}};
    std::string q = mutate("s=a%20b&ds=1.5,NaN,-Infinity&ds=2");
    std::string h = mutate("AAE=");
    transcode::NameValue headers[] = {{"B", h}, {"cookie", mutate("a=1; b=2")}};
    transcode::RequestView req;
    req.pathParams = path;
    req.pathParamCount = 1;
    req.rawQuery = q;
    req.headers = headers;
    req.headerCount = 2;
    std::string body = mutate(R"({"kids":[{"n":2}],"m":{"x":1}})");
    req.body = body;
    std::string frame = "keep";
    if (!transcode::encodeCall(*plan, req, 7, frame, err)) {
      CHECK_EQ(frame, std::string("keep"));  // restored on failure
      CHECK_EQ(err.status, uint16_t{400});
    } else {
      thrift::FrameScan s = thrift::findMessageEnd(thrift::Transport::Framed, proto, u8(frame) + 4, frame.size() - 4);
      CHECK(s.status == thrift::ScanStatus::Complete && s.frameLength == frame.size() - 4);
    }
  }
  CHECK(rejected > 1000);
  // Deep nesting is refused, not recursed into: arrays, objects, and kids chains.
  for (const char* open : {"[", "{\"a\":", "{\"n\":1,\"kids\":["}) {
    std::string deep;
    for (int i = 0; i < 100000; ++i) deep += open;
    std::string bytes;
    transcode::TranscodeError err;
    CHECK(!transcode::jsonToThrift(*plan, proto, deep, bytes, err));
  }
}

}  // namespace

int main() {
  for (auto proto : {thrift::Protocol::Binary, thrift::Protocol::Compact}) {
    fuzzDecoders(proto);
    fuzzEncoders(proto);
  }
  return sluice::test::finish("robustness_test");
}
