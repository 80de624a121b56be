import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startEngine } from '../../../src/native/engine';
import { proxyRoute, request, startUpstream } from './harness';

const snapshot = (port: number) => ({ version: 1, thriftUpstreams: [], routes: [proxyRoute('all', '/*rest', [`127.0.0.1:${port}`])] });

test('io_backend auto picks io_uring when the kernel allows it and logs the backend and worker count', async () => {
  const up = await startUpstream();
  const lines: string[] = [];
  const engine = await startEngine({ listen: '127.0.0.1:0', workers: 'auto', ioBackend: 'auto', limits: {}, snapshot: snapshot(up.port), log: (l) => lines.push(l) });
  try {
    assert.equal(engine.backend, 'io_uring');
    assert.ok(engine.workers >= 1);
    assert.match(lines[0], new RegExp(`io_backend=io_uring workers=${engine.workers}`));
    assert.equal((await request(engine.port, { path: '/x' })).status, 200);
  } finally {
    await engine.close();
    await up.close();
  }
});

test('io_backend auto falls back to epoll when io_uring is unavailable, and says why', async () => {
  const up = await startUpstream();
  const lines: string[] = [];
  process.env.SLUICE_TEST_DISABLE_IO_URING = '1';
  try {
    const engine = await startEngine({ listen: '127.0.0.1:0', workers: 1, ioBackend: 'auto', limits: {}, snapshot: snapshot(up.port), log: (l) => lines.push(l) });
    assert.equal(engine.backend, 'epoll');
    assert.match(lines[0], /io_backend=epoll workers=1 .*fallback_reason=/);
    assert.equal((await request(engine.port, { path: '/x' })).status, 200);
    await engine.close();
  } finally {
    delete process.env.SLUICE_TEST_DISABLE_IO_URING;
    await up.close();
  }
});

test('io_backend io_uring that cannot start fails loudly instead of falling back', async () => {
  process.env.SLUICE_TEST_DISABLE_IO_URING = '1';
  try {
    await assert.rejects(
      startEngine({ listen: '127.0.0.1:0', workers: 1, ioBackend: 'io_uring', limits: {}, snapshot: snapshot(1) }),
      (e: Error & { code?: string }) => e.code === 'SLUICE_E_NATIVE_START_FAILED' && /io_uring is unavailable/.test(e.message),
    );
  } finally {
    delete process.env.SLUICE_TEST_DISABLE_IO_URING;
  }
});

test('a bad listen address is rejected with SLUICE_E_NATIVE_BAD_LISTEN', async () => {
  await assert.rejects(
    startEngine({ listen: 'nonsense', workers: 1, ioBackend: 'epoll', limits: {}, snapshot: snapshot(1) }),
    (e: Error & { code?: string }) => e.code === 'SLUICE_E_NATIVE_BAD_LISTEN',
  );
});
