'use strict';
// Shared by the npm thrift 0.24 interop peers: argument parsing and transport/protocol classes.
// usage: <script> GEN_DIR PORT binary|compact|header buffered|framed plain|multiplexed
// Generated code (thrift --gen js:node,es6) lives in GEN_DIR and finds `thrift` through NODE_PATH.
const thrift = require('thrift');

const [genDir, port, protocol, transport, mux] = process.argv.slice(2);

module.exports = {
  thrift,
  genDir,
  port: Number(port),
  mux: mux === 'multiplexed',
  // THeader frames itself; with `framed` npm wraps each THeader frame in an outer frame (Apache's header_framed).
  transport: transport === 'framed' ? thrift.TFramedTransport : thrift.TBufferedTransport,
  protocol: { binary: thrift.TBinaryProtocol, compact: thrift.TCompactProtocol, header: thrift.THeaderProtocol }[protocol],
};
