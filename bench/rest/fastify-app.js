'use strict';
// Baseline (a): the REST→Thrift gateway a Node user would write by hand: fastify routes calling the npm `thrift`
// client (code from `thrift --gen js:node bench.thrift`) over a pool of persistent framed-binary connections,
// mapping the replies to JSON. Usage: node fastify-app.js GEN_JS_DIR HTTP_PORT THRIFT_PORT [POOL=4]
const path = require('node:path');
const thrift = require('thrift');
const fastify = require('fastify');
const Bench = require(path.join(process.argv[2], 'Bench.js'));

const [httpPort, thriftPort, poolSize] = [Number(process.argv[3]), Number(process.argv[4]), Number(process.argv[5] ?? 4)];
const pool = [];
for (let i = 0; i < poolSize; i++) {
  const conn = thrift.createConnection('127.0.0.1', thriftPort, { transport: thrift.TFramedTransport, protocol: thrift.TBinaryProtocol });
  conn.on('error', (e) => console.error('thrift connection error', e.message));
  pool.push(thrift.createClient(Bench, conn));
}
let next = 0;
const client = () => pool[next++ % pool.length];
// The 0.17 generator returns promises through thrift.Q, which npm thrift 0.24 no longer has: use callbacks.
const call = (method, req) => new Promise((resolve, reject) => client()[method](req, (err, r) => (err ? reject(err) : resolve(r))));
const toNumber = (i64) => (typeof i64 === 'number' ? i64 : i64.toNumber());

const smallJson = (s) => ({ id: toNumber(s.id), name: s.name, email: s.email, active: s.active, score: s.score, visits: s.visits });
const mediumJson = (m) => ({
  id: toNumber(m.id), owner: m.owner,
  entries: m.entries.map((e) => ({ id: toNumber(e.id), title: e.title, price: e.price, tags: e.tags.map((t) => ({ key: t.key, value: t.value })), counts: e.counts })),
});

const app = fastify({ logger: false });
const ById = require(path.join(process.argv[2], 'bench_types.js')).ById;
app.get('/small/:id', async (req) => smallJson(await call('GetSmall', new ById({ id: new thrift.Int64(Number(req.params.id)) }))));
app.get('/medium/:id', async (req) => mediumJson(await call('GetMedium', new ById({ id: new thrift.Int64(Number(req.params.id)) }))));
app.listen({ port: httpPort, host: '127.0.0.1' }).then(() => console.log('listening'));
