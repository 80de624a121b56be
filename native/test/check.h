// A tiny test harness for native/test/**/*_test.cc (each file is a standalone main; run.sh builds
// and runs them in release and under ASan+UBSan). Usage: TEST(name) { CHECK(x); CHECK_EQ(a, b); }
// and `int main() { return sluice_test::runAll(); }`.
#pragma once
#include <cstdio>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

namespace sluice_test {

struct Case {
  const char* name;
  std::function<void()> fn;
};

inline std::vector<Case>& cases() {
  static std::vector<Case> all;
  return all;
}
inline int& failures() {
  static int n = 0;
  return n;
}
struct Register {
  Register(const char* name, std::function<void()> fn) { cases().push_back({name, std::move(fn)}); }
};

template <typename A, typename B>
void checkEq(const A& a, const B& b, const char* ea, const char* eb, const char* file, int line) {
  if (a == b) { return; }
  std::ostringstream os;
  os << a << " != " << b;
  std::fprintf(stderr, "%s:%d: CHECK_EQ(%s, %s) failed: %s\n", file, line, ea, eb, os.str().c_str());
  failures()++;
}

inline int runAll() {
  for (const Case& c : cases()) {
    int before = failures();
    c.fn();
    std::fprintf(stderr, "%s %s\n", failures() == before ? "ok  " : "FAIL", c.name);
  }
  std::fprintf(stderr, "%zu cases, %d failed checks\n", cases().size(), failures());
  return failures() == 0 ? 0 : 1;
}

}  // namespace sluice_test

#define SLUICE_CAT2(a, b) a##b
#define SLUICE_CAT(a, b) SLUICE_CAT2(a, b)
#define TEST(name)                                                                         \
  static void SLUICE_CAT(test_, name)();                                                   \
  static sluice_test::Register SLUICE_CAT(reg_, name)(#name, SLUICE_CAT(test_, name));     \
  static void SLUICE_CAT(test_, name)()
#define CHECK(x)                                                                  \
  do {                                                                            \
    if (!(x)) {                                                                   \
      std::fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #x);  \
      sluice_test::failures()++;                                                  \
    }                                                                             \
  } while (0)
#define CHECK_EQ(a, b) sluice_test::checkEq((a), (b), #a, #b, __FILE__, __LINE__)
