// Shared helpers for the transcoder's standalone C++ tests: a tiny check macro and a plan-blob builder that
// writes the layout src/plan writes (docs/design/transcoder.md), so C++ tests need no TypeScript.
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace sluice::test {

inline int& failures() {
  static int n = 0;
  return n;
}

#define CHECK(cond)                                                                  \
  do {                                                                               \
    if (!(cond)) {                                                                   \
      std::fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);  \
      ++::sluice::test::failures();                                                  \
    }                                                                                \
  } while (0)

#define CHECK_EQ(a, b)                                                                                     \
  do {                                                                                                     \
    auto va_ = (a);                                                                                        \
    auto vb_ = (b);                                                                                        \
    if (!(va_ == vb_)) {                                                                                   \
      std::fprintf(stderr, "%s:%d: CHECK_EQ failed: %s == %s\n", __FILE__, __LINE__, #a, #b);              \
      ++::sluice::test::failures();                                                                        \
    }                                                                                                      \
  } while (0)

inline std::string hex(const std::string& s) {
  static const char* k = "0123456789abcdef";
  std::string o;
  for (unsigned char c : s) {
    o.push_back(k[c >> 4]);
    o.push_back(k[c & 15]);
  }
  return o;
}

inline std::string unhex(const std::string& h) {
  std::string o;
  auto v = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  for (size_t i = 0; i + 1 < h.size(); i += 2) {
    if (h[i] == ' ') {
      --i;
      continue;
    }
    o.push_back(static_cast<char>((v(h[i]) << 4) | v(h[i + 1])));
  }
  return o;
}

/** Builds plan blobs (little-endian, layout of src/plan/compile.ts). */
class PlanBuilder {
 public:
  struct Field {
    int16_t id;
    uint8_t requiredness;  // 0 default, 1 required, 2 optional
    uint8_t flags;         // 1 js_conv, 2 none, 4 header, 8 http_code
    uint32_t type;
    std::string name, jsonKey, headerName;
    bool hasDefault = false;
    std::string defaultJson;
  };
  struct Struct {
    std::string qname;
    uint8_t kind = 0;  // 0 struct, 1 union, 2 exception
    uint16_t httpCode = 0;
    std::vector<Field> fields;
  };
  struct Source {
    uint8_t kind;  // 0 path, 1 query, 2 header, 3 cookie, 4 body, 5 raw_body, 6 raw_uri
    std::string name;
  };
  struct Binding {
    uint32_t field;
    std::vector<Source> sources;
  };

  uint8_t protocol = 0, transport = 0, flags = 0;
  std::vector<std::array<uint32_t, 3>> types;
  /** Policy slot per type (0 = none, else 1 + index into policyNames); missing entries are 0. */
  std::vector<uint32_t> typePolicies;
  std::vector<std::string> policyNames;
  std::vector<std::pair<std::string, std::vector<std::pair<int32_t, std::string>>>> enums;
  std::vector<Struct> structs;
  uint32_t root = 0xffffffff;
  bool hasFunction = false;
  std::string messageName;
  bool oneway = false;
  uint8_t shape = 0;
  uint32_t argsStruct = 0, requestStruct = 0, resultStruct = 0;
  int16_t requestArgId = 0;
  bool returnsVoid = false;
  std::vector<Binding> bindings;

  uint32_t type(uint32_t kind, uint32_t a = 0, uint32_t b = 0) {
    types.push_back({kind, a, b});
    return static_cast<uint32_t>(types.size() - 1);
  }

  std::string build() const {
    std::string o = "SLPL";
    o.push_back(2);
    o.push_back(static_cast<char>(protocol));
    o.push_back(static_cast<char>(transport));
    o.push_back(static_cast<char>(flags));
    u32(o, static_cast<uint32_t>(policyNames.size()));
    for (auto& n : policyNames) str(o, n);
    u32(o, static_cast<uint32_t>(types.size()));
    for (size_t i = 0; i < types.size(); ++i) {
      const auto& t = types[i];
      o.push_back(static_cast<char>(t[0]));
      u32(o, t[1]);
      u32(o, t[2]);
      u32(o, i < typePolicies.size() ? typePolicies[i] : 0);
    }
    u32(o, static_cast<uint32_t>(enums.size()));
    for (auto& e : enums) {
      str(o, e.first);
      u32(o, static_cast<uint32_t>(e.second.size()));
      for (auto& m : e.second) {
        u32(o, static_cast<uint32_t>(m.first));
        str(o, m.second);
      }
    }
    u32(o, static_cast<uint32_t>(structs.size()));
    for (auto& s : structs) {
      str(o, s.qname);
      o.push_back(static_cast<char>(s.kind));
      u16(o, s.httpCode);
      u32(o, static_cast<uint32_t>(s.fields.size()));
      for (auto& f : s.fields) {
        u16(o, static_cast<uint16_t>(f.id));
        o.push_back(static_cast<char>(f.requiredness));
        o.push_back(static_cast<char>(f.flags));
        u32(o, f.type);
        str(o, f.name);
        str(o, f.jsonKey.empty() ? f.name : f.jsonKey);
        str(o, f.headerName);
        o.push_back(f.hasDefault ? 1 : 0);
        str(o, f.defaultJson);
      }
    }
    u32(o, root);
    o.push_back(hasFunction ? 1 : 0);
    if (hasFunction) {
      str(o, messageName);
      o.push_back(oneway ? 1 : 0);
      o.push_back(static_cast<char>(shape));
      u32(o, argsStruct);
      u32(o, requestStruct);
      u16(o, static_cast<uint16_t>(requestArgId));
      u32(o, resultStruct);
      o.push_back(returnsVoid ? 1 : 0);
      u32(o, static_cast<uint32_t>(bindings.size()));
      for (auto& b : bindings) {
        u32(o, b.field);
        o.push_back(static_cast<char>(b.sources.size()));
        for (auto& s : b.sources) {
          o.push_back(static_cast<char>(s.kind));
          str(o, s.name);
        }
      }
    }
    return o;
  }

 private:
  static void u16(std::string& o, uint16_t v) {
    o.push_back(static_cast<char>(v));
    o.push_back(static_cast<char>(v >> 8));
  }
  static void u32(std::string& o, uint32_t v) {
    for (int i = 0; i < 4; ++i) o.push_back(static_cast<char>(v >> (8 * i)));
  }
  static void str(std::string& o, const std::string& s) {
    u32(o, static_cast<uint32_t>(s.size()));
    o.append(s);
  }
};

/** Kind numbers of the blob. */
enum K : uint32_t { Bool = 1, I8, I16, I32, I64, Double, String, Binary, Uuid, Enum, List, Set, Map, Struct };

inline int finish(const char* name) {
  if (failures()) {
    std::fprintf(stderr, "%s: %d failure(s)\n", name, failures());
    return 1;
  }
  std::printf("%s: ok\n", name);
  return 0;
}

}  // namespace sluice::test
