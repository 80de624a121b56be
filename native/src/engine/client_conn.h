// A downstream HTTP/1.1 connection. State chain (one request at a time; pipelined bytes wait in in_):
//   Head --head parsed--> Body --body complete--> Waiting --respondEnd--> Head (keep-alive)
//                                                          \--> Closing (close after the queued bytes)
// Any state --error/timeout/peer reset--> closed. Gateway-made errors use the §6 JSON envelope.
#pragma once
#include <memory>
#include <string>

#include "engine/exchange.h"
#include "engine/io_backend.h"
#include "engine/timer_wheel.h"

namespace sluice {

class Worker;
class UpstreamCall;

class ClientConn final : public IoHandler, public TimerTarget {
 public:
  ClientConn(Worker* w, int fd);
  ~ClientConn() override;

  size_t index = 0;  // position in Worker::conns_

  /// Sends the response head for the current exchange. `statusAndHeaders` holds the status line and
  /// end-to-end header lines (each CRLF-terminated); framing/Connection headers are added here.
  /// `contentLength` is used when framing == Length.
  void respondHead(int status, std::string&& statusAndHeaders, BodyFraming upstreamFraming, uint64_t contentLength);
  /// Body bytes for the current exchange (raw payload; chunk-encoded here if needed).
  void respondBody(const char* p, size_t n);
  /// The response is complete; next pipelined request (or close) follows.
  void respondEnd();
  /// A gateway-made error response (§6 envelope). `close` forces Connection: close.
  void sendError(int status, const char* code, const std::string& message, bool close, const std::string& allow = std::string());
  /// The upstream broke after the response head went out: nothing valid can follow, so close.
  void abortResponse();
  /// Bytes waiting to be sent to the client (for upstream backpressure).
  size_t queuedBytes() const;
  /// The upstream call serving the current exchange (for backpressure notifications); may be null.
  void setUpstream(UpstreamCall* u) { upstream_ = u; }
  Exchange* exchange() { return ex_.get(); }
  Worker* worker() { return w_; }
  /// Drain: close now if idle, else after the in-flight response.
  void beginDrain();
  /// Close immediately (drain deadline, worker stop).
  void forceClose();
  const std::string& peerIp() const { return peerIp_; }

  // IoHandler
  void onRecv(const char* data, size_t len) override;
  void onRecvEnd(int err) override;
  void onSendProgress(size_t queued) override;
  void onSendError(int err) override;
  void onConnect(int err) override {}
  // TimerTarget
  void onTimer() override;

 private:
  enum class State { Head, Body, Waiting, Closing, Closed };
  void process();
  bool readHead();
  bool readBody();
  void dispatch();
  void finishExchange();
  void closeNow();
  void armTimer(uint64_t ms);
  void failParse(HttpError e);

  Worker* w_;                     // Not owned; the worker owns this connection.
  IoSocket* sock_ = nullptr;      // Owned by the backend; valid until closeNow().
  UpstreamCall* upstream_ = nullptr;  // Not owned; the call detaches itself before it dies.
  std::string in_;                // received bytes not yet consumed (from inOff_)
  size_t inOff_ = 0;
  std::unique_ptr<Exchange> ex_;
  State state_ = State::Head;
  TimerEntry timer_;
  bool closeAfter_ = false;       // Connection: close for the current response
  bool peerEof_ = false;
  bool readPaused_ = false;
  bool processing_ = false;      // inside process(): guards re-entry from synchronous answers
  bool clientKeepAlive_ = true;
  std::string peerIp_;
};

}  // namespace sluice
