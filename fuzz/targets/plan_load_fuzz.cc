// Fuzzes loadPlan (native/src/transcode/plan.cc) with arbitrary blobs: plans come from our own compiler, but a
// corrupted store or a version skew must yield a LoadStatus, never a crash. A blob that loads is then exercised
// with a fixed JSON and Thrift value so that references it accepted are actually followed.
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "sluice/transcode.h"
#include "transcode/plan.h"

using namespace sluice;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  transcode::LoadStatus st = transcode::LoadStatus::Ok;
  auto plan = transcode::loadPlan(data, size, st);
  if (!plan) {
    FUZZ_CHECK(st != transcode::LoadStatus::Ok);
    return 0;
  }
  transcode::TranscodeError err;
  if (plan->hasFunction) {
    transcode::RequestView req;
    req.method = "POST";
    req.body = "{\"a\":1,\"b\":[true,\"x\"],\"c\":{\"d\":null}}";
    std::string out;
    (void)transcode::encodeCall(*plan, req, 1, out, err);
    static const uint8_t reply[] = {0x80, 0x01, 0x00, 0x02, 0, 0, 0, 1, 'f', 0, 0, 0, 1, 0};
    transcode::ResponseOut r;
    transcode::decodeReply(*plan, reply, sizeof reply, r);
  } else if (plan->rootType != UINT32_MAX) {
    std::string out;
    (void)transcode::jsonToThrift(*plan, thrift::Protocol::Binary, "{}", out, err);
    static const uint8_t stop[] = {0};
    std::string json;
    (void)transcode::thriftToJson(*plan, thrift::Protocol::Binary, stop, 1, json, err);
  }
  return 0;
}
