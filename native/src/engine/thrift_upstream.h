// Upstream side of `kind: thrift` routes: the request is transcoded to a Thrift call with the
// transcoder (sluice/transcode.h), sent over a per-worker pool of connections to the route's Thrift
// upstream, and the reply is matched by seqid (many calls outstanding per connection) and decoded
// back into the HTTP response. Same pool shape as http_upstream.h; the response boundary comes from
// thrift::findMessageEnd instead of an HTTP response parser.
#pragma once

namespace sluice {

class ClientConn;
struct Exchange;

/// Serves the exchange of `c` on its thrift route (answers synchronously on 400, else asynchronously).
void startThriftCall(ClientConn* c, Exchange* ex);

}  // namespace sluice
