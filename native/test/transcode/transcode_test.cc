// The transcoder against golden vectors (thrift-wire.md §3, verified with python3-thrift 0.17), §5 value rules,
// error field paths, request bindings (encodeCall) and reply mapping (decodeReply).
#include <string>

#include "sluice/transcode.h"
#include "test_support.h"

using namespace sluice;
using sluice::test::hex;
using sluice::test::K;
using sluice::test::PlanBuilder;
using sluice::test::unhex;

namespace {

const uint8_t* u8(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.data()); }

transcode::PlanConstSharedPtr load(const PlanBuilder& b) {
  std::string blob = b.build();
  transcode::LoadStatus st;
  auto plan = transcode::loadPlan(u8(blob), blob.size(), st);
  CHECK(plan != nullptr);
  return plan;
}

// struct V {1: bool t, 2: bool f, 3: i8 b, 4: i16 s, 5: i32 i, 6: i64 l, 7: double d, 8: string str, 9: binary bin,
//           10: list<bool> lb, 11: map<i32,string> m, 12: set<i32> st, 30: i32 far, 29: i32 back, 13: V nested}
PlanBuilder vPlan() {
  PlanBuilder b;
  uint32_t tb = b.type(K::Bool), ti8 = b.type(K::I8), ti16 = b.type(K::I16), ti32 = b.type(K::I32),
           ti64 = b.type(K::I64), td = b.type(K::Double), ts = b.type(K::String), tbin = b.type(K::Binary);
  uint32_t tlb = b.type(K::List, tb), tm = b.type(K::Map, ti32, ts), tst = b.type(K::Set, ti32);
  uint32_t tv = b.type(K::Struct, 0);
  PlanBuilder::Struct v{"t.V", 0, 0, {}};
  auto f = [&](int16_t id, const char* name, uint32_t type) { v.fields.push_back({id, 2, 0, type, name, "", "", false, ""}); };
  f(1, "t", tb); f(2, "f", tb); f(3, "b", ti8); f(4, "s", ti16); f(5, "i", ti32); f(6, "l", ti64); f(7, "d", td);
  f(8, "str", ts); f(9, "bin", tbin); f(10, "lb", tlb); f(11, "m", tm); f(12, "st", tst); f(30, "far", ti32);
  f(29, "back", ti32); f(13, "nested", tv);
  b.structs.push_back(v);
  b.root = tv;
  return b;
}

void goldenVectors() {
  auto plan = load(vPlan());
  struct Row { const char* json; const char* binary; const char* compact; const char* out; };
  const Row rows[] = {
      {R"({"t":true,"f":false})", "020001010200020000", "111200", nullptr},
      {R"({"s":-1,"i":1,"l":-9223372036854775808})",
       "060004ffff08000500000001" "0a00068000000000000000" "00", "4401150216ffffffffffffffffff0100", nullptr},
      {R"({"d":1.0})", "0400073ff000000000000000", "77000000000000f03f00", R"({"d":1})"},
      {R"({"str":"hé","lb":[true,false]})", "0b00080000000368c3a90f000a02000000020100" "00",
       "880368c3a929210102" "00", nullptr},
      {R"({"m":{},"st":[1]})", "0d000b080b00000000" "0e000c08000000010000000100", "bb001a150200", nullptr},
      {R"({"far":1,"back":2})", "08001d00000002" "08001e0000000100", "053a04150200", R"({"far":1,"back":2})"},
      {R"({"b":-1,"nested":{"t":true}})", "030003ff0c000d0200010100" "00", "33ffac110000", nullptr},
  };
  for (const Row& r : rows) {
    for (auto proto : {thrift::Protocol::Binary, thrift::Protocol::Compact}) {
      std::string out;
      transcode::TranscodeError err;
      CHECK(transcode::jsonToThrift(*plan, proto, r.json, out, err));
      const char* want = proto == thrift::Protocol::Binary ? r.binary : r.compact;
      if (hex(out) != want) std::fprintf(stderr, "  %s: got %s want %s\n", r.json, hex(out).c_str(), want);
      CHECK_EQ(hex(out), std::string(want));
      std::string back;
      CHECK(transcode::thriftToJson(*plan, proto, u8(out), out.size(), back, err));
      CHECK_EQ(back, std::string(r.out ? r.out : r.json));
    }
  }
}

void valueRules() {
  auto plan = load(vPlan());
  auto roundTrip = [&](const char* in) {
    std::string bytes, json;
    transcode::TranscodeError err;
    if (!transcode::jsonToThrift(*plan, thrift::Protocol::Compact, in, bytes, err)) return std::string("ERR ") + err.field;
    transcode::thriftToJson(*plan, thrift::Protocol::Compact, u8(bytes), bytes.size(), json, err);
    return json;
  };
  CHECK_EQ(roundTrip(R"({"l":"9007199254740993"})"), std::string(R"({"l":9007199254740993})"));
  CHECK_EQ(roundTrip(R"({"l":1e3})"), std::string(R"({"l":1000})"));
  CHECK_EQ(roundTrip(R"({"d":-0.0})"), std::string(R"({"d":-0.0})"));
  CHECK_EQ(roundTrip(R"({"d":"NaN"})"), std::string(R"({"d":"NaN"})"));
  CHECK_EQ(roundTrip(R"({"d":"-Infinity"})"), std::string(R"({"d":"-Infinity"})"));
  CHECK_EQ(roundTrip(R"({"d":1e21})"), std::string(R"({"d":1e+21})"));
  CHECK_EQ(roundTrip(R"({"d":0.000001})"), std::string(R"({"d":0.000001})"));
  CHECK_EQ(roundTrip(R"({"d":1e-7})"), std::string(R"({"d":1e-7})"));
  CHECK_EQ(roundTrip(R"({"d":0.1})"), std::string(R"({"d":0.1})"));
  CHECK_EQ(roundTrip(R"({"bin":"-_8"})"), std::string(R"({"bin":"+/8="})"));
  CHECK_EQ(roundTrip(R"({"str":"\ud83d\ude00\u0001\ud800"})"), std::string("{\"str\":\"\xf0\x9f\x98\x80\\u0001\xef\xbf\xbd\"}"));
  CHECK_EQ(roundTrip(R"({"m":{"-5":"x"}})"), std::string(R"({"m":{"-5":"x"}})"));
  // Errors name the value as the client sent it.
  CHECK_EQ(roundTrip(R"({"lb":[true,1]})"), std::string("ERR lb[1]"));
  CHECK_EQ(roundTrip(R"({"nested":{"s":70000}})"), std::string("ERR nested.s"));
  CHECK_EQ(roundTrip(R"({"b":128})"), std::string("ERR b"));
  CHECK_EQ(roundTrip(R"({"i":1.5})"), std::string("ERR i"));
  CHECK_EQ(roundTrip(R"({"m":{"x":"a"}})"), std::string("ERR m.x"));
  CHECK_EQ(roundTrip(R"({"m":{"a b":"a"}})"), std::string("ERR m[\"a b\"]"));
  CHECK_EQ(roundTrip(R"({"bin":"a"})"), std::string("ERR bin"));
  CHECK_EQ(roundTrip(R"({"d":1e400})"), std::string("ERR d"));
  CHECK_EQ(roundTrip(R"({"t":true)"), std::string("ERR "));
  CHECK_EQ(roundTrip(R"({"t":true} x)"), std::string("ERR "));
  std::string deep;
  for (int i = 0; i < 200; ++i) deep += "{\"nested\":";
  CHECK_EQ(roundTrip(deep.c_str()), std::string("ERR "));
  std::string deepOk = "{}";
  for (int i = 0; i < 70; ++i) deepOk = "{\"nested\":" + deepOk + "}";
  CHECK_EQ(roundTrip(deepOk.c_str()).substr(0, 4), std::string("ERR "));  // deeper than 64
}

// Function plan: Req {1: required i64 id (path id), 2: list<i32> ids (query ids), 3: string trace (header),
// 4: string sid (cookie), 5: string uri (raw_uri), 6: bool flag (query), 7: Color color (query),
// 8: string note (body note, default "n"), 9: Inner inner (body inner)}; Inner {1: required string name}.
// Result {0: Resp success, 1: NotFound nf}; Resp {1: i32 code (http_code), 2: string etag (header ETag),
// 3: string hidden (none), 4: list<i64> ids (header X-Ids), 5: string text}; NotFound (api.http_code 404)
// {1: string message, 2: string secret (none)}; Teapot {1: i32 code (http_code)}.
PlanBuilder fnPlan(uint8_t protocol, uint8_t flags = 0) {
  PlanBuilder b;
  b.protocol = protocol;
  b.flags = flags;
  uint32_t tb = b.type(K::Bool), ti32 = b.type(K::I32), ti64 = b.type(K::I64), ts = b.type(K::String);
  uint32_t tli32 = b.type(K::List, ti32), tli64 = b.type(K::List, ti64), tcolor = b.type(K::Enum, 0);
  uint32_t tReq = b.type(K::Struct, 1), tInner = b.type(K::Struct, 2), tResp = b.type(K::Struct, 3),
           tNf = b.type(K::Struct, 4), tTea = b.type(K::Struct, 5);
  b.enums.push_back({"t.Color", {{1, "RED"}, {2, "GREEN"}}});
  using F = PlanBuilder::Field;
  b.structs.push_back({"t.Svc:get_args", 0, 0, {F{1, 0, 0, tReq, "req", "", "", false, ""}}});
  b.structs.push_back({"t.Req", 0, 0,
                       {F{1, 1, 0, ti64, "id", "", "", false, ""}, F{2, 2, 0, tli32, "ids", "", "", false, ""},
                        F{3, 2, 0, ts, "trace", "", "", false, ""}, F{4, 2, 0, ts, "sid", "", "", false, ""},
                        F{5, 2, 0, ts, "uri", "", "", false, ""}, F{6, 2, 0, tb, "flag", "", "", false, ""},
                        F{7, 2, 0, tcolor, "color", "", "", false, ""}, F{8, 0, 0, ts, "note", "", "", true, "\"n\""},
                        F{9, 2, 0, tInner, "inner", "", "", false, ""}}});
  b.structs.push_back({"t.Inner", 0, 0, {F{1, 1, 0, ts, "name", "", "", false, ""}}});
  b.structs.push_back({"t.Resp", 0, 0,
                       {F{1, 2, 8, ti32, "code", "", "", false, ""}, F{2, 2, 4, ts, "etag", "", "ETag", false, ""},
                        F{3, 2, 2, ts, "hidden", "", "", false, ""}, F{4, 2, 4, tli64, "ids", "", "X-Ids", false, ""},
                        F{5, 2, 0, ts, "text", "", "", false, ""}}});
  b.structs.push_back({"t.NotFound", 2, 404, {F{1, 0, 0, ts, "message", "", "", false, ""},
                                              F{2, 2, 2, ts, "secret", "", "", false, ""}}});
  b.structs.push_back({"t.Teapot", 2, 0, {F{1, 0, 8, ti32, "code", "", "", false, ""}}});
  b.structs.push_back({"t.Svc:get_result", 0, 0,
                       {F{0, 2, 0, tResp, "success", "", "", false, ""}, F{1, 2, 0, tNf, "nf", "", "", false, ""},
                        F{2, 2, 0, tTea, "tea", "", "", false, ""}}});
  b.root = b.type(K::Struct, 6);  // the result struct: lets the test build replies with jsonToThrift
  b.hasFunction = true;
  b.messageName = "get";
  b.argsStruct = 0;
  b.requestStruct = 1;
  b.requestArgId = 1;
  b.resultStruct = 6;
  b.bindings = {{0, {{0, "id"}}}, {1, {{1, "ids"}}}, {2, {{2, "X-Trace-Id"}}}, {3, {{3, "sid"}}},
                {4, {{6, ""}}},  {5, {{1, "flag"}}}, {6, {{1, "color"}, {2, "X-Color"}}}, {7, {{4, "note"}}},
                {8, {{4, "inner"}}}};
  (void)tReq;
  return b;
}

// Encodes a call and returns the request struct as JSON (decoded with a value plan rooted at t.Req).
std::string callJson(thrift::Protocol proto, const transcode::RequestView& req, transcode::TranscodeError& err,
                     uint8_t flags = 0) {
  auto plan = load(fnPlan(static_cast<uint8_t>(proto), flags));
  std::string frame;
  if (!transcode::encodeCall(*plan, req, 9, frame, err)) return "ERR " + err.field;
  auto scan = thrift::findMessageEnd(thrift::Transport::Framed, proto, u8(frame), frame.size());
  CHECK(scan.status == thrift::ScanStatus::Complete);
  thrift::MessageHeader h;
  size_t hl = thrift::readMessageBegin(proto, u8(frame) + 4, frame.size() - 4, h);
  CHECK(h.name == "get" && h.seqid == 9 && h.type == thrift::MessageType::Call);
  // Skip the args struct's field header for field 1 (binary: 3 bytes; compact: 1 byte) and decode t.Req.
  PlanBuilder vb = fnPlan(static_cast<uint8_t>(proto), flags);
  vb.root = 7;  // t.Req
  vb.hasFunction = false;
  auto vplan = load(vb);
  size_t at = 4 + hl + (proto == thrift::Protocol::Binary ? 3 : 1);
  std::string json;
  CHECK(transcode::thriftToJson(*vplan, proto, u8(frame) + at, frame.size() - at - 1, json, err));
  return json;
}

void requestBindings() {
  for (auto proto : {thrift::Protocol::Binary, thrift::Protocol::Compact}) {
    transcode::NameValue path[] = {{"id", "9007199254740993"}};
    transcode::NameValue headers[] = {{"x-trace-id", "t1"}, {"Cookie", "a=1; sid=abc"}, {"X-Color", "GREEN"}};
    transcode::RequestView req;
    req.method = "POST";
    req.pathParams = path;
    req.pathParamCount = 1;
    req.rawQuery = "ids=1,2&ids=3&flag=1&other=x%20y";
    req.headers = headers;
    req.headerCount = 3;
    req.body = R"({"inner":{"name":"a\"b"},"extra":1})";
    req.rawTarget = "/v1/x/9007199254740993?ids=1,2&ids=3&flag=1&other=x%20y";
    transcode::TranscodeError err;
    std::string json = callJson(proto, req, err);
    CHECK_EQ(json, std::string(R"({"id":9007199254740993,"ids":[1,2,3],"trace":"t1","sid":"abc",)"
                               R"("uri":"/v1/x/9007199254740993?ids=1,2&ids=3&flag=1&other=x%20y","flag":true,)"
                               R"("color":2,"note":"n","inner":{"name":"a\"b"}})"));
    // Left-to-right sources: the query wins over the header when both are present.
    req.rawQuery = "color=RED";
    CHECK(callJson(proto, req, err).find(R"("color":1)") != std::string::npos);
    req.rawQuery = "color=BLUE";
    CHECK_EQ(callJson(proto, req, err), std::string("ERR query:color"));
    req.rawQuery = "flag=yes";
    CHECK_EQ(callJson(proto, req, err), std::string("ERR query:flag"));
    req.rawQuery = "ids=%zz";
    CHECK_EQ(callJson(proto, req, err), std::string("ERR query:ids"));
    req.rawQuery = "";
    req.body = R"({"inner":{}})";
    CHECK_EQ(callJson(proto, req, err), std::string("ERR inner.name"));
    req.body = R"({"inner":{"name":"x"},"extra":1})";
    CHECK_EQ(callJson(proto, req, err, 4), std::string("ERR extra"));  // unknown_fields: reject
    req.body = "[1]";
    CHECK_EQ(callJson(proto, req, err), std::string("ERR "));
    CHECK_EQ(err.status, uint16_t{400});
    req.body = "";
    req.pathParamCount = 0;
    CHECK_EQ(callJson(proto, req, err), std::string("ERR path:id"));
    CHECK_EQ(err.code, std::string("bad_request"));
    std::string envelope;
    transcode::renderErrorBody(err, envelope);
    CHECK_EQ(envelope, std::string(R"({"error":{"code":"bad_request","message":"missing required field","field":"path:id","detail":{}}})"));
  }
}

std::string replyBytes(thrift::Protocol proto, const char* resultJson, thrift::MessageType type = thrift::MessageType::Reply) {
  auto plan = load(fnPlan(static_cast<uint8_t>(proto)));
  std::string msg;
  thrift::writeMessageBegin(proto, "get", type, 9, msg);
  transcode::TranscodeError err;
  CHECK(transcode::jsonToThrift(*plan, proto, resultJson, msg, err));
  return msg;
}

void replyMapping() {
  for (auto proto : {thrift::Protocol::Binary, thrift::Protocol::Compact}) {
    auto plan = load(fnPlan(static_cast<uint8_t>(proto)));
    transcode::ResponseOut out;
    std::string r = replyBytes(proto, R"({"success":{"code":201,"etag":"\"v1\"","hidden":"h","ids":[1,-2],"text":"ok"}})");
    transcode::decodeReply(*plan, u8(r), r.size(), out);
    CHECK_EQ(out.status, uint16_t{201});
    CHECK_EQ(out.body, std::string(R"({"text":"ok"})"));
    CHECK_EQ(out.headers.size(), size_t{2});
    CHECK(out.headers[0].first == "ETag" && out.headers[0].second == "\"v1\"");
    CHECK(out.headers[1].first == "X-Ids" && out.headers[1].second == "1,-2");
    // Unset status → 200; out-of-range status → 500; CR/LF in a header value drops the header.
    r = replyBytes(proto, R"({"success":{"etag":"a\r\nSet-Cookie: x=1"}})");
    transcode::decodeReply(*plan, u8(r), r.size(), out);
    CHECK_EQ(out.status, uint16_t{200});
    CHECK(out.headers.empty());
    CHECK_EQ(out.body, std::string("{}"));
    r = replyBytes(proto, R"({"success":{"code":42}})");
    transcode::decodeReply(*plan, u8(r), r.size(), out);
    CHECK_EQ(out.status, uint16_t{500});
    // Declared exceptions: type annotation status, api.none dropped from detail; field status; default 500.
    r = replyBytes(proto, R"({"nf":{"message":"gone","secret":"s"}})");
    transcode::decodeReply(*plan, u8(r), r.size(), out);
    CHECK_EQ(out.status, uint16_t{404});
    CHECK_EQ(out.errorCode, std::string("t.NotFound"));
    CHECK_EQ(out.body, std::string(R"({"error":{"code":"t.NotFound","message":"gone","detail":{"message":"gone"}}})"));
    r = replyBytes(proto, R"({"tea":{"code":418}})");
    transcode::decodeReply(*plan, u8(r), r.size(), out);
    CHECK_EQ(out.status, uint16_t{418});
    CHECK_EQ(out.body, std::string(R"({"error":{"code":"t.Teapot","message":"t.Teapot","detail":{"code":418}}})"));
    r = replyBytes(proto, R"({"tea":{"code":0}})");
    transcode::decodeReply(*plan, u8(r), r.size(), out);
    CHECK_EQ(out.status, uint16_t{500});
    // Non-void with no result: 502; garbage: 502 upstream_error; wrong message type: 502.
    r = replyBytes(proto, "{}");
    transcode::decodeReply(*plan, u8(r), r.size(), out);
    CHECK_EQ(out.status, uint16_t{502});
    CHECK_EQ(out.errorCode, std::string("upstream_error"));
    r = replyBytes(proto, "{}", thrift::MessageType::Call);
    transcode::decodeReply(*plan, u8(r), r.size(), out);
    CHECK_EQ(out.status, uint16_t{502});
    std::string junk = "\x80\x01\x00\x02garbage";
    transcode::decodeReply(*plan, u8(junk), junk.size(), out);
    CHECK_EQ(out.status, uint16_t{502});
  }
}

void planLoading() {
  std::string blob = vPlan().build();
  transcode::LoadStatus st;
  for (size_t cut = 0; cut < blob.size(); ++cut) {
    CHECK(transcode::loadPlan(u8(blob), cut, st) == nullptr);
  }
  std::string bad = blob;
  bad[4] = 9;
  CHECK(transcode::loadPlan(u8(bad), bad.size(), st) == nullptr && st == transcode::LoadStatus::BadVersion);
  PlanBuilder b = vPlan();
  b.types.push_back({K::List, 999, 0});
  std::string dangling = b.build();
  CHECK(transcode::loadPlan(u8(dangling), dangling.size(), st) == nullptr && st == transcode::LoadStatus::BadReference);
  PlanBuilder d = vPlan();
  d.structs[0].fields[4].hasDefault = true;
  d.structs[0].fields[4].defaultJson = "\"nope\"";
  std::string badDefault = d.build();
  CHECK(transcode::loadPlan(u8(badDefault), badDefault.size(), st) == nullptr &&
        st == transcode::LoadStatus::BadDefault);
}

}  // namespace

int main() {
  goldenVectors();
  valueRules();
  requestBindings();
  replyMapping();
  planLoading();
  return sluice::test::finish("transcode_test");
}
