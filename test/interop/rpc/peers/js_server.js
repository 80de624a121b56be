'use strict';
// npm thrift 0.24 interop server for interop.thrift (one process per configuration).
// usage: js_server.js GEN_DIR PORT binary|compact|header buffered|framed plain|multiplexed
const path = require('node:path');
const c = require('./js_common');
const Interop = require(path.join(c.genDir, 'Interop.js'));
const Second = require(path.join(c.genDir, 'Second.js'));
const types = require(path.join(c.genDir, 'interop_types.js'));

let oneways = 0;
const handler = {
  testVoid: () => undefined,
  echoString: (s) => s,
  echoI64: (v) => v,
  echoDouble: (d) => d,
  echoBools: (b) => b,
  echoBinary: (b) => b,
  echoChoice: (ch) => ch,
  echoKitchen: (k) => k,
  echoI64Map: (m) => m,
  testMulti: (a0, a1, a2) => new types.Xtruct({ string_thing: 'Hello2', byte_thing: a0, i32_thing: a1, i64_thing: a2 }),
  // async: npm's processor only turns a rejected promise (not a synchronous throw) into a reply.
  testMultiException: async (arg0, arg1) => {
    if (arg0 === 'Xception') throw new types.Xception({ errorCode: 1001, message: 'This is an Xception' });
    if (arg0 === 'Xception2') {
      throw new types.Xception2({ errorCode: 2002, struct_thing: new types.Xtruct({ string_thing: 'This is an Xception2' }) });
    }
    if (arg0 === 'TException') throw new Error('an undeclared failure');
    return new types.Xtruct({ string_thing: arg1 });
  },
  testOneway: () => { oneways++; },
  onewayCount: () => oneways,
};
const secondHandler = { secondtestString: (s) => `testString("${s}")` };

const options = { transport: c.transport, protocol: c.protocol };
let server;
if (c.mux) {
  const processor = new c.thrift.MultiplexedProcessor();
  processor.registerProcessor('Interop', new Interop.Processor(handler));
  processor.registerProcessor('Second', new Second.Processor(secondHandler));
  server = c.thrift.createMultiplexServer(processor, options);
} else {
  server = c.thrift.createServer(Interop, handler, options);
}
server.on('error', (err) => console.error('server error:', err && err.message));
server.listen(c.port, '127.0.0.1', () => console.log('listening'));
