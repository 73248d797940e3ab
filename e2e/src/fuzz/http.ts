import { Agent, request } from 'node:http';

/** Exactly the bytes to send: the path is already percent-encoded (or deliberately not). */
export interface FuzzRequest {
  service: string;
  method: string;
  /** Path and query string, sent as they are. */
  target: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Which demo token the authorization header carries, for a reproducible curl line. */
  token?: { tenant: string; key: string };
}

export interface FuzzResponse {
  status: number;
  contentType: string;
  text: string;
  /** A transport failure (reset, timeout): no HTTP answer at all. */
  error?: string;
}

const MAX_BODY = 4 * 1024 * 1024;
const agents = new Map<string, Agent>();

/**
 * Sends one request on a kept-alive connection; never throws (a failure is an answer too). A
 * connection the server closed while idle may fail the moment it is reused (socket hang up):
 * the request is then sent once more on a new connection, and only that answer counts.
 */
export async function send(origin: string, req: FuzzRequest, timeoutMs = 15_000): Promise<FuzzResponse> {
  let agent = agents.get(origin);
  if (!agent) agents.set(origin, (agent = new Agent({ keepAlive: true, maxSockets: 8 })));
  const first = await sendOnce(origin, req, timeoutMs, agent);
  return first.reused && /socket hang up|ECONNRESET/.test(first.res.error ?? '') ? (await sendOnce(origin, req, timeoutMs, false)).res : first.res;
}

function sendOnce(origin: string, req: FuzzRequest, timeoutMs: number, agent: Agent | false): Promise<{ res: FuzzResponse; reused: boolean }> {
  const url = new URL(origin);
  const headers = { ...req.headers, ...(req.body ? { 'content-length': String(req.body.length) } : {}) };
  return new Promise((resolve) => {
    let settled = false;
    let reused = false;
    const done = (res: FuzzResponse) => {
      if (!settled) resolve({ res, reused });
      settled = true;
    };
    const outgoing = request({ host: url.hostname, port: url.port, method: req.method, path: req.target, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < MAX_BODY) chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', () =>
        done({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', (err) => done({ status: 0, contentType: '', text: '', error: err.message }));
    });
    outgoing.on('socket', (socket) => (reused = (socket as { _httpMessage?: unknown }) !== undefined && outgoing.reusedSocket));
    outgoing.setTimeout(timeoutMs, () => outgoing.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    outgoing.on('error', (err) => done({ status: 0, contentType: '', text: '', error: err.message }));
    outgoing.end(req.body);
  });
}

/** Closes the kept-alive connections (the end of a run). */
export function closeConnections(): void {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const PRINTABLE = /^[\x20-\x7e]*$/;
/** Bodies up to this size are spelled out in the curl line; larger ones go to a file. */
export const INLINE_BODY_LIMIT = 2000;

/**
 * A curl line that sends the same bytes to the platform `npm start` runs (ports 3001…, tokens
 * in .local/demo-tokens.json). `bodyFile` names where a body too long to spell out was written.
 */
export function curlOf(req: FuzzRequest, port: number, bodyFile?: string): string {
  const parts = ['curl', '-sS', '--path-as-is', '-X', req.method, shellQuote(`http://127.0.0.1:${port}${req.target}`)];
  for (const [name, value] of Object.entries(req.headers)) {
    if (name === 'authorization' && req.token)
      parts.push('-H', `"authorization: Bearer $(node -p \\"require('./.local/demo-tokens.json')['${req.token.tenant}']['${req.token.key}']\\")"`);
    else parts.push('-H', shellQuote(`${name}: ${value}`));
  }
  if (!req.body) return parts.join(' ');
  // curl would otherwise add a form content type of its own.
  if (!Object.keys(req.headers).some((h) => h.toLowerCase() === 'content-type')) parts.push('-H', shellQuote('content-type:'));
  if (bodyFile || req.body.length > INLINE_BODY_LIMIT) return [...parts, '--data-binary', `@${bodyFile ?? '<body file>'}`].join(' ');
  const text = req.body.toString('latin1');
  if (PRINTABLE.test(text)) return [...parts, '--data-binary', shellQuote(text)].join(' ');
  const escaped = [...req.body].map((b) => (b >= 0x20 && b < 0x7f && b !== 0x27 && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('');
  return `printf '%b' '${escaped}' | ${[...parts, '--data-binary', '@-'].join(' ')}`;
}
