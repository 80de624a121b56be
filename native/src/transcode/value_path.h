// The path that names a value in an error (contract §6 `field`), grown outward as a failure unwinds.
#pragma once

#include <string>

namespace sluice::transcode {

/// Puts `seg` in front of `path`: "email" → "[2].email" → "people[2].email"; an index or map side (`[…]`, `{…}`)
/// joins without a dot. One rule for REST JSON paths and Thrift-listener argument paths.
inline void prependPathSegment(std::string& path, std::string seg) {
  if (!path.empty() && path[0] != '[' && path[0] != '{') { seg.push_back('.'); }
  path.insert(0, seg);
}

}  // namespace sluice::transcode
