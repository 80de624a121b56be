#include "engine/router.h"

#include <algorithm>

namespace sluice {

struct Router::Node {
  std::map<std::string, std::unique_ptr<Node>, std::less<>> statics;
  std::unique_ptr<Node> param;
  std::string paramName;
  std::unique_ptr<Node> rest;  // terminal: `*name`
  std::string restName;
  std::map<std::string, int, std::less<>> methods;  // method -> route index (heterogeneous lookup: no allocation per match)
  int anyMethod = -1;
  bool hasRoutes() const { return anyMethod >= 0 || !methods.empty(); }
};

Router::Router() : root_(new Node()) {}
Router::~Router() = default;
Router::Router(Router&&) noexcept = default;
Router& Router::operator=(Router&&) noexcept = default;

namespace {

std::vector<std::string_view> splitPath(std::string_view path) {
  std::vector<std::string_view> segs;
  if (!path.empty() && path[0] == '/') { path.remove_prefix(1); }
  while (true) {
    size_t slash = path.find('/');
    segs.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) { break; }
    path.remove_prefix(slash + 1);
  }
  return segs;
}

}  // namespace

bool Router::add(int routeIndex, const std::vector<std::string>& methods, const std::string& tmpl, std::string* why) {
  if (tmpl.empty() || tmpl[0] != '/') {
    *why = "path must start with '/'";
    return false;
  }
  std::vector<std::string_view> segs = splitPath(tmpl);
  Node* n = root_.get();
  for (size_t i = 0; i < segs.size(); i++) {
    std::string_view s = segs[i];
    if (!s.empty() && s[0] == '*') {
      if (i + 1 != segs.size()) {
        *why = "*name must be the last segment";
        return false;
      }
      if (!n->rest) { n->rest.reset(new Node()); }
      n->restName = std::string(s.substr(1));
      n = n->rest.get();
      break;
    }
    if (!s.empty() && s[0] == ':') {
      if (!n->param) { n->param.reset(new Node()); }
      n->paramName = std::string(s.substr(1));
      n = n->param.get();
      continue;
    }
    auto it = n->statics.find(s);
    if (it == n->statics.end()) { it = n->statics.emplace(std::string(s), std::unique_ptr<Node>(new Node())).first; }
    n = it->second.get();
  }
  if (methods.empty()) {
    n->anyMethod = routeIndex;
  } else {
    for (const std::string& m : methods) { n->methods.emplace(m, routeIndex); }
  }
  return true;
}

namespace {

struct Search {
  std::string_view method;
  const std::vector<std::string_view>* segs;
  std::vector<PathParam> params;
  std::vector<std::string> allowed;
  bool pathMatched = false;
};

int pick(const std::map<std::string, int, std::less<>>& methods, int any, std::string_view method) {
  auto it = methods.find(method);
  if (it != methods.end()) { return it->second; }
  if (method == "HEAD") {
    it = methods.find("GET");
    if (it != methods.end()) { return it->second; }
  }
  return any;
}

}  // namespace

// Depth-first in specificity order; the first node that matches path AND method wins.
static int walk(const void* nodePtr, size_t i, Search* s, std::string_view fullPath);
static int tryRest(const Router::Node* n, std::string_view rest, Search* s);

void Router::match(std::string_view method, std::string_view path, RouteMatch* out) const {
  std::vector<std::string_view> segs = splitPath(path);
  Search s;
  s.method = method;
  s.segs = &segs;
  int idx = walk(root_.get(), 0, &s, path);
  out->params.clear();
  out->allow.clear();
  if (idx >= 0) {
    out->kind = RouteMatch::Kind::Found;
    out->routeIndex = idx;
    out->params = std::move(s.params);
    return;
  }
  out->routeIndex = -1;
  if (!s.pathMatched) {
    out->kind = RouteMatch::Kind::NotFound;
    return;
  }
  out->kind = RouteMatch::Kind::MethodNotAllowed;
  std::sort(s.allowed.begin(), s.allowed.end());
  s.allowed.erase(std::unique(s.allowed.begin(), s.allowed.end()), s.allowed.end());
  for (const std::string& m : s.allowed) {
    if (!out->allow.empty()) { out->allow += ", "; }
    out->allow += m;
  }
}

static int tryRest(const Router::Node* n, std::string_view rest, Search* s) {
  const Router::Node* r = n->rest.get();
  if (r == nullptr || !r->hasRoutes()) { return -1; }
  s->pathMatched = true;
  int idx = pick(r->methods, r->anyMethod, s->method);
  if (idx >= 0) {
    s->params.push_back({n->restName, rest});
    return idx;
  }
  for (const auto& kv : r->methods) {
    s->allowed.push_back(kv.first);
    if (kv.first == "GET") { s->allowed.push_back("HEAD"); }
  }
  return -1;
}

static int walk(const void* nodePtr, size_t i, Search* s, std::string_view fullPath) {
  const auto* n = static_cast<const Router::Node*>(nodePtr);
  const std::vector<std::string_view>& segs = *s->segs;
  if (i == segs.size()) {
    if (n->hasRoutes()) {
      s->pathMatched = true;
      int idx = pick(n->methods, n->anyMethod, s->method);
      if (idx >= 0) { return idx; }
      for (const auto& kv : n->methods) {
        s->allowed.push_back(kv.first);
        if (kv.first == "GET") { s->allowed.push_back("HEAD"); }
      }
    }
    return -1;  // a `*rest` needs its slash: "/legacy/" matches "/legacy/*rest" (rest ""), "/legacy" does not (§3)
  }
  auto it = n->statics.find(segs[i]);
  if (it != n->statics.end()) {
    int r = walk(it->second.get(), i + 1, s, fullPath);
    if (r >= 0) { return r; }
  }
  if (n->param && !segs[i].empty()) {
    s->params.push_back({n->paramName, segs[i]});
    int r = walk(n->param.get(), i + 1, s, fullPath);
    if (r >= 0) { return r; }
    s->params.pop_back();
  }
  size_t off = static_cast<size_t>(segs[i].data() - fullPath.data());
  return tryRest(n, fullPath.substr(off), s);
}

}  // namespace sluice
