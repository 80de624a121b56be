// Method + path-template router (contract §3): `:name` matches one segment, `*name` the rest.
// Most specific wins segment by segment (static > :param > *rest); a GET route answers HEAD unless
// a HEAD route exists for the same path. Immutable once built; shared by all workers via the snapshot.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sluice {

/// One captured path parameter; value is the raw (still percent-encoded) slice of the request path.
struct PathParam {
  std::string_view name;   // points into the Router (lives as long as the snapshot)
  std::string_view value;  // points into the request buffer
};

struct RouteMatch {
  enum class Kind { Found, NotFound, MethodNotAllowed } kind = Kind::NotFound;
  int routeIndex = -1;
  std::vector<PathParam> params;
  std::string allow;  // for MethodNotAllowed: "GET, HEAD, POST"
};

class Router {
 public:
  Router();
  ~Router();
  Router(Router&&) noexcept;
  Router& operator=(Router&&) noexcept;
  /// Adds a route. methods empty = any method. Returns false with *why if the template is invalid.
  bool add(int routeIndex, const std::vector<std::string>& methods, const std::string& pathTemplate, std::string* why);
  /// Matches `path` (no query) for `method`.
  void match(std::string_view method, std::string_view path, RouteMatch* out) const;

  struct Node;  // public only so the file-local matcher can walk it

 private:
  std::unique_ptr<Node> root_;
};

}  // namespace sluice
