// Exchange recycling: a reused exchange starts exactly like a fresh one (nothing of the last request
// leaks into the next) and keeps its buffers' storage.
#include <string>

#include "check.h"
#include "engine/exchange.h"

using namespace sluice;

TEST(aRecycledExchangeCarriesNothingOfTheLastRequest) {
  Exchange ex;
  ex.rawHead.assign(200, 'h');
  ex.head.method = "POST";
  ex.head.headers.push_back({"Host", "a", HeaderKind::Host});
  ex.head.contentLength = 5;
  ex.body = "hello";
  ex.bodyRemaining = 7;
  ex.requestId = "0123456789abcdef0123456789abcdef";
  ex.startUs = 42;
  ex.isHead = true;
  ex.idempotent = true;
  ex.headSent = true;
  ex.framing = BodyFraming::Chunked;
  ex.status = 502;
  ex.attempts = 2;
  ex.triedMask = 3;
  const char* headStorage = ex.rawHead.data();
  ex.recycle();
  CHECK(ex.rawHead.empty() && ex.body.empty() && ex.requestId.empty());
  CHECK(ex.head.headers.empty() && ex.head.method.empty() && ex.head.contentLength == 0);
  CHECK(ex.route == nullptr && !ex.snapshot);
  CHECK(ex.bodyRemaining == 0 && ex.startUs == 0 && ex.status == 0 && ex.attempts == 0 && ex.triedMask == 0);
  CHECK(!ex.isHead && !ex.idempotent && !ex.headSent && ex.framing == BodyFraming::None);
  CHECK(ex.rawHead.data() == headStorage);  // storage kept for the next head
  CHECK(ex.head.headers.capacity() >= 1);
}

TEST(aRecycledExchangeLetsGoOfALargeBody) {
  Exchange ex;
  ex.body.assign(1 << 20, 'b');
  ex.recycle();
  CHECK(ex.body.capacity() < (1u << 20));
}

int main() { return sluice_test::runAll(); }
