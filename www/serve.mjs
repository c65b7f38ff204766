#!/usr/bin/env node
// A zero-dependency static server for the tagit demo and the browser tests.
//
//   node www/serve.mjs [port] [--host 127.0.0.1] [--pkg DIR]
//
// Layout (the same one a publisher gets by copying www/ and pkg/ side by side):
//   /            -> www/        (index.html for directories)
//   /pkg/...     -> pkg/        (the wasm-pack output; override with --pkg or TAGIT_PKG_DIR)
//   /csp/...     -> the same as /..., but every response carries a strict
//                   Content-Security-Policy header, so a test can prove the embed
//                   needs nothing beyond `script-src 'self' 'wasm-unsafe-eval'`.
//   /vendor/...  -> TAGIT_VENDOR_DIR, when set (the end-to-end tests serve their pinned
//                   npm packages there: React, Preact, axe-core); 404 otherwise.
//
// Port 0 picks a free port; the first line on stdout is always
// `tagit demo: http://HOST:PORT/` so a test can read the port back.
// It is a development server: no caching, no compression, no directory listings,
// and nothing outside www/ and pkg/ is reachable (path traversal is rejected).

import { createServer } from 'node:http';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..');

/** The CSP served under /csp/: what a careful news site would send. */
export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.ts': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

/**
 * Maps a URL path to a file inside one of the roots, or null when it is not
 * servable. Decoding happens once, and the resolved path must stay inside
 * its root, so `..`, encoded `%2e%2e`, backslashes and NUL bytes cannot escape.
 */
export function resolvePath(urlPath, roots) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (!decoded.startsWith('/')) return null;
  let root = roots.www;
  let rest = decoded;
  if (decoded === '/pkg' || decoded.startsWith('/pkg/')) {
    root = roots.pkg;
    rest = decoded.slice('/pkg'.length) || '/';
  } else if (roots.vendor && (decoded === '/vendor' || decoded.startsWith('/vendor/'))) {
    root = roots.vendor;
    rest = decoded.slice('/vendor'.length) || '/';
  }
  const file = path.resolve(root, '.' + path.posix.normalize(rest));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  if (path.relative(root, file).split(path.sep).some((part) => part.startsWith('.') && part !== '')) {
    // No dotfiles (.git, .env, ...): they are never part of the site.
    return null;
  }
  return file;
}

/** Creates (but does not start) the server. */
export function createTagitServer({
  www = HERE,
  pkg = process.env.TAGIT_PKG_DIR || path.join(REPO, 'pkg'),
  vendor = process.env.TAGIT_VENDOR_DIR || '',
  log = false,
} = {}) {
  const roots = { www: path.resolve(www), pkg: path.resolve(pkg), vendor: vendor ? path.resolve(vendor) : null };
  return createServer(async (req, res) => {
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return send(405, 'method not allowed\n', { Allow: 'GET, HEAD' });
      }
      let urlPath = new URL(req.url, 'http://localhost').pathname;
      const headers = {
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        // Like a CDN: the embed and the wasm may be loaded from another origin than the
        // page's (module scripts and fetch() need CORS for that).
        'Access-Control-Allow-Origin': '*',
      };
      if (urlPath === '/csp' || urlPath.startsWith('/csp/')) {
        headers['Content-Security-Policy'] = STRICT_CSP;
        urlPath = urlPath.slice('/csp'.length) || '/';
      }
      let file = resolvePath(urlPath, roots);
      if (!file) return send(403, 'forbidden\n', headers);
      let stat = await fs.stat(file).catch(() => null);
      if (stat && stat.isDirectory()) {
        if (!urlPath.endsWith('/')) {
          const q = new URL(req.url, 'http://localhost').search;
          return send(301, '', { ...headers, Location: req.url.split('?')[0] + '/' + q });
        }
        file = path.join(file, 'index.html');
        stat = await fs.stat(file).catch(() => null);
      }
      if (!stat || !stat.isFile()) return send(404, 'not found\n', headers);
      const type = MIME[path.extname(file).toLowerCase()] || 'application/octet-stream';
      res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': stat.size });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
    } catch (err) {
      if (!res.headersSent) send(500, 'internal error\n');
      else res.destroy();
      if (log) console.error(err);
    } finally {
      if (log) console.log(`${req.method} ${req.url}`);
    }
  });
}

function parseArgs(argv) {
  const opts = { port: 8080, host: '127.0.0.1', pkg: undefined, log: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--host') opts.host = argv[++i];
    else if (a === '--pkg') opts.pkg = argv[++i];
    else if (a === '--log') opts.log = true;
    else if (a === '-h' || a === '--help') {
      console.log('usage: node www/serve.mjs [port] [--host 127.0.0.1] [--pkg DIR] [--log]');
      process.exit(0);
    } else if (/^\d+$/.test(a)) opts.port = Number(a);
    else {
      console.error(`serve.mjs: unknown argument ${a}`);
      process.exit(2);
    }
  }
  return opts;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const opts = parseArgs(process.argv.slice(2));
  const server = createTagitServer({ pkg: opts.pkg, log: opts.log });
  server.on('error', (err) => {
    console.error(`serve.mjs: ${err.message}`);
    process.exit(1);
  });
  server.listen(opts.port, opts.host, () => {
    const { port } = server.address();
    const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
    console.log(`tagit demo: http://${host}:${port}/`);
    console.log(`strict-CSP variant: http://${host}:${port}/csp/`);
  });
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections?.();
    setTimeout(() => process.exit(0), 500).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
