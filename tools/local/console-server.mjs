// The console on one origin with the services' APIs behind it, for `npm start`: the built static
// files (apps/console/dist), /api/<service>/… proxied to each service, /config.json (how users
// sign in) and, in local mode only, the demo sign-in (/local/demo-users, /local/session) that
// hands the browser one of the tokens the start command minted. node:http only, no new daemon.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * The same policy the Helm chart's nginx sends (deploy/helm/charts/hotline-console): scripts
 * only from this origin; inline styles are allowed because the component library injects its
 * CSS-in-JS at run time.
 */
export const CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

const SECURITY_HEADERS = {
  'content-security-policy': CONSOLE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** Demo users for the local sign-in page, from demo-tokens.json ({tenant: {key: token}}). */
/** Machine identities among the demo tokens (for curl and the fuzz suite), which nobody signs in to the console as. */
const MACHINE_ROLES = new Set(['telephony']);

function demoUsers(tokens) {
  return Object.entries(tokens).flatMap(([tenant, byKey]) =>
    Object.keys(byKey)
      .map((key) => {
        const [role, unit] = key.split(':');
        return { tenant, key, role, ...(unit ? { unit } : {}) };
      })
      .filter((user) => !MACHINE_ROLES.has(user.role)),
  );
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...SECURITY_HEADERS, ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

function readBody(req) {
  return new Promise((resolveBody, reject) => {
    let size = 0;
    const chunks = [];
    req.on('data', (c) => {
      size += c.length;
      if (size > 4096) reject(new Error('too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function proxy(req, res, target, path) {
  const url = new URL(path, target);
  const headers = { ...req.headers, host: url.host };
  const upstream = httpRequest(url, { method: req.method, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => {
    if (!res.headersSent)
      send(res, 503, { type: 'https://hotline.dev/problems/unavailable', title: 'Service unavailable', status: 503, code: 'unavailable', detail: 'the service is not answering' }, { 'content-type': 'application/problem+json' });
    else res.destroy();
  });
  req.pipe(upstream);
}

function serveStatic(res, distDir, pathname) {
  const file = normalize(join(distDir, decodeURIComponent(pathname)));
  const inside = file.startsWith(distDir) && existsSync(file) && statSync(file).isFile();
  const chosen = inside ? file : join(distDir, 'index.html');
  const hashed = inside && pathname.startsWith('/assets/');
  res.writeHead(200, {
    'content-type': TYPES[extname(chosen)] ?? 'application/octet-stream',
    // Hashed assets never change; index.html is always asked for again.
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...SECURITY_HEADERS,
  });
  createReadStream(chosen).pipe(res);
}

/**
 * Starts the console server. `services` maps a service name to its base URL; `tokensFile` is the
 * start command's demo-tokens.json (local sign-in), or undefined when OIDC is configured by
 * CONSOLE_OIDC_ISSUER and CONSOLE_OIDC_CLIENT_ID.
 */
export function serveConsole({ port, host = '127.0.0.1', distDir, services, tokensFile, env = process.env }) {
  const dist = resolve(distDir);
  const auth = env.CONSOLE_OIDC_ISSUER
    ? { mode: 'oidc', issuer: env.CONSOLE_OIDC_ISSUER, clientId: env.CONSOLE_OIDC_CLIENT_ID ?? 'hotline-console', scope: env.CONSOLE_OIDC_SCOPE ?? 'openid' }
    : { mode: 'local' };
  const tokens = () => JSON.parse(readFileSync(tokensFile, 'utf8'));
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://console');
    const api = url.pathname.match(/^\/api\/([a-z]+)(\/.*)?$/);
    if (api) {
      const target = services[api[1]];
      if (!target) return send(res, 404, { type: 'https://hotline.dev/problems/not_found', title: 'Not found', status: 404, code: 'not_found', detail: `no service ${api[1]}` }, { 'content-type': 'application/problem+json' });
      return proxy(req, res, target, `${api[2] ?? '/'}${url.search}`);
    }
    if (url.pathname === '/config.json') return send(res, 200, { auth });
    if (url.pathname.startsWith('/local/')) {
      if (auth.mode !== 'local' || !tokensFile) return send(res, 404, { code: 'not_found' });
      if (url.pathname === '/local/demo-users' && req.method === 'GET') return send(res, 200, { items: demoUsers(tokens()) });
      if (url.pathname === '/local/session' && req.method === 'POST')
        return void readBody(req).then(
          (text) => {
            let asked;
            try {
              asked = JSON.parse(text);
            } catch {
              asked = {};
            }
            const token = tokens()[asked.tenant]?.[asked.key];
            return token ? send(res, 200, { token }) : send(res, 404, { code: 'not_found', detail: 'no such demo user' });
          },
          () => send(res, 413, { code: 'too_large' }),
        );
      return send(res, 404, { code: 'not_found' });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { code: 'method_not_allowed' });
    return serveStatic(res, dist, url.pathname);
  });
  return new Promise((resolveServer, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolveServer({ url: `http://${host}:${port}`, close: () => new Promise((r) => server.close(() => r())) }));
  });
}
