// www/serve.mjs: layout, MIME types, the strict-CSP route, and path traversal.
// No browser: raw HTTP requests, so paths reach the server exactly as written.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from './harness.mjs';

let server;
let fakePkg;

/** GET/POST with the path sent verbatim (fetch() would normalise `..` away). */
function request(rawPath, method = 'GET') {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

before(async () => {
  // A stand-in package directory, so this test does not need a wasm build.
  fakePkg = mkdtempSync(path.join(tmpdir(), 'tagit-fakepkg-'));
  writeFileSync(path.join(fakePkg, 'tagit_bg.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  writeFileSync(path.join(fakePkg, 'tagit.js'), 'export default async function init() {}\n');
  server = await startServer({ pkg: fakePkg });
});

after(async () => {
  await server?.stop();
  if (fakePkg) rmSync(fakePkg, { recursive: true, force: true });
});

test('serves www/ at / and pkg/ at /pkg/ with the right MIME types', async () => {
  const cases = [
    ['/', 'text/html; charset=utf-8'],
    ['/index.html', 'text/html; charset=utf-8'],
    ['/embed.js', 'text/javascript; charset=utf-8'],
    ['/tagit.css', 'text/css; charset=utf-8'],
    ['/img/kremlin.svg', 'image/svg+xml'],
    ['/test/embed-plain.html', 'text/html; charset=utf-8'],
    ['/pkg/tagit.js', 'text/javascript; charset=utf-8'],
    ['/pkg/tagit_bg.wasm', 'application/wasm'],
  ];
  for (const [p, type] of cases) {
    const res = await request(p);
    assert.equal(res.status, 200, p);
    assert.equal(res.headers['content-type'], type, p);
    assert.equal(res.headers['x-content-type-options'], 'nosniff', p);
    assert.equal(res.headers['access-control-allow-origin'], '*', `${p}: loadable from another origin`);
    assert.equal(res.headers['content-security-policy'], undefined, `${p} has no CSP outside /csp/`);
  }
  assert.equal((await request('/no-such-file.html')).status, 404);
  assert.equal((await request('/test')).status, 301, 'a directory without its slash redirects');
});

test('/csp/ serves the same files with a strict Content-Security-Policy', async () => {
  for (const p of ['/csp/', '/csp/embed.js', '/csp/pkg/tagit_bg.wasm', '/csp/test/embed-plain.html']) {
    const res = await request(p);
    assert.equal(res.status, 200, p);
    const csp = res.headers['content-security-policy'];
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/, p);
    assert.match(csp, /style-src 'self'/, p);
    assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/, p);
  }
  assert.equal((await request('/csp/pkg/tagit_bg.wasm')).headers['content-type'], 'application/wasm');
});

test('rejects path traversal and dotfiles', async () => {
  const attempts = [
    '/../Cargo.toml',
    '/../../etc/passwd',
    '/pkg/../../Cargo.toml',
    '/pkg/../Cargo.toml',
    '/%2e%2e/Cargo.toml',
    '/%2e%2e%2fCargo.toml',
    '/..%2fCargo.toml',
    '/pkg/%2e%2e/%2e%2e/build.sh',
    '/csp/../../Cargo.toml',
    '/test/..%5c..%5cCargo.toml',
    '/..\\Cargo.toml',
    '/%00/etc/passwd',
    '/%E0%A4%A',
    '/.git/config',
    '/img/.hidden',
  ];
  for (const p of attempts) {
    const res = await request(p);
    assert.notEqual(res.status, 200, p);
    assert.ok(!res.body.includes('[package]') && !res.body.includes('root:'), `${p} leaked a file`);
  }
});

test('answers only GET and HEAD', async () => {
  const post = await request('/', 'POST');
  assert.equal(post.status, 405);
  assert.equal(post.headers.allow, 'GET, HEAD');
  const head = await request('/embed.js', 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body, '');
});
