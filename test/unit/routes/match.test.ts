import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { matchRoute } from '../../../src/routes/match';
import type { HttpMethod, Route, RouteTable } from '../../../src/routes/types';

function tableOf(...specs: Array<[ReadonlyArray<HttpMethod> | '*', string]>): RouteTable {
  const routes: Route[] = specs.map(([methods, path]) => ({
    id: `${String(methods)} ${path}`, methods, path,
    target: { kind: 'proxy', endpoints: ['127.0.0.1:1'], stripPrefix: undefined },
    source: { kind: 'config', loc: undefined },
  }));
  return { routes };
}

function found(table: RouteTable, method: string, path: string): string {
  const m = matchRoute(table, method, path);
  assert.equal(m.kind, 'found', `${method} ${path} → ${JSON.stringify(m)}`);
  return m.kind === 'found' ? m.route.path : '';
}

test('a literal segment beats a :param, which beats a *rest, compared from the left', () => {
  const t = tableOf([['GET'], '/a/*rest'], [['GET'], '/a/:x'], [['GET'], '/a/b'], [['GET'], '/:p/b/c'], [['GET'], '/a/:x/c']);
  assert.equal(found(t, 'GET', '/a/b'), '/a/b');
  assert.equal(found(t, 'GET', '/a/z'), '/a/:x');
  assert.equal(found(t, 'GET', '/a/z/y'), '/a/*rest');
  assert.equal(found(t, 'GET', '/a/b/c'), '/a/:x/c', 'position 0: literal a beats :p');
});

test('params are percent-decoded; a *rest takes the remainder, possibly empty, but needs its slash', () => {
  const t = tableOf([['GET'], '/files/:name'], [['GET'], '/legacy/*rest']);
  const m = matchRoute(t, 'GET', '/files/a%20b%2Fc?x=1');
  assert.deepEqual(m.kind === 'found' && m.params, { name: 'a b/c' });
  const r = matchRoute(t, 'GET', '/legacy/x/y%21');
  assert.deepEqual(r.kind === 'found' && r.params, { rest: 'x/y!' });
  const e = matchRoute(t, 'GET', '/legacy/');
  assert.deepEqual(e.kind === 'found' && e.params, { rest: '' });
  assert.equal(matchRoute(t, 'GET', '/legacy').kind, 'not_found');
  assert.equal(matchRoute(t, 'GET', '/files/').kind, 'not_found', 'a :param needs a non-empty segment');
});

test('no route for the path is not_found; a path with routes for other methods is 405 with Allow', () => {
  const t = tableOf([['GET'], '/x/:id'], [['DELETE'], '/x/:id'], [['POST'], '/x']);
  assert.deepEqual(matchRoute(t, 'GET', '/nope'), { kind: 'not_found' });
  assert.deepEqual(matchRoute(t, 'PUT', '/x/1'), { kind: 'method_not_allowed', allow: ['GET', 'HEAD', 'DELETE'] });
  assert.deepEqual(matchRoute(t, 'PUT', '/x'), { kind: 'method_not_allowed', allow: ['POST'] });
});

test('a GET route answers HEAD unless a HEAD route matches the path', () => {
  const t = tableOf([['GET'], '/g/:id'], [['GET'], '/h'], [['HEAD'], '/h']);
  const m = matchRoute(t, 'HEAD', '/g/1');
  assert.ok(m.kind === 'found' && m.headOnly && m.route.methods !== '*' && m.route.methods[0] === 'GET');
  const h = matchRoute(t, 'HEAD', '/h');
  assert.ok(h.kind === 'found' && h.route.methods !== '*' && h.route.methods[0] === 'HEAD');
  const g = matchRoute(t, 'GET', '/h');
  assert.ok(g.kind === 'found' && !g.headOnly);
});

test('a listed method beats "*" on the same path; "*" takes every other method', () => {
  const t = tableOf(['*', '/v1/items'], [['GET'], '/v1/items']);
  const get = matchRoute(t, 'GET', '/v1/items');
  assert.ok(get.kind === 'found' && get.route.methods !== '*');
  const post = matchRoute(t, 'POST', '/v1/items');
  assert.ok(post.kind === 'found' && post.route.methods === '*');
});

test('a more specific path wins over a listed method on a less specific one', () => {
  const t = tableOf(['*', '/a/b'], [['GET'], '/a/:x']);
  const m = matchRoute(t, 'GET', '/a/b');
  assert.ok(m.kind === 'found' && m.route.path === '/a/b');
});

test('method names are matched case-insensitively and a malformed escape does not match', () => {
  const t = tableOf([['GET'], '/f/:n']);
  assert.equal(found(t, 'get', '/f/1'), '/f/:n');
  assert.equal(matchRoute(t, 'GET', '/f/%E0%A4%A').kind, 'not_found');
});
