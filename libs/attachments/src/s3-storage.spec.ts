import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { S3Storage } from './s3-storage';
import { sha256Hex, signV4 } from './sigv4';
import { storageKey, StorageUnavailableError } from './storage';

// A stand-in S3 on loopback that keeps objects in memory and, like S3, recomputes each request's
// signature from what arrived (method, path, query, the signed headers, the payload hash it
// checks against the body) and refuses a mismatch with 403 SignatureDoesNotMatch. So the test
// fails if what fetch sends is not what was signed.
const CREDENTIALS = { accessKeyId: 'AKIAHOTLINETEST', secretAccessKey: 'hotline-test-secret-key' };

function verify(req: IncomingMessage, body: Buffer): boolean {
  const auth = String(req.headers['authorization'] ?? '');
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request,SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(auth);
  if (!match || match[1] !== CREDENTIALS.accessKeyId) return false;
  if (req.headers['x-amz-content-sha256'] !== sha256Hex(body)) return false;
  const signed = match[4]!.split(';').filter((h) => !['host', 'x-amz-date', 'x-amz-content-sha256'].includes(h));
  const stamp = String(req.headers['x-amz-date']);
  const at = new Date(`${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}Z`);
  const again = signV4(
    {
      method: req.method!,
      url: new URL(`http://${req.headers.host}${req.url}`),
      headers: Object.fromEntries(signed.map((h) => [h, String(req.headers[h])])),
      payloadHash: String(req.headers['x-amz-content-sha256']),
    },
    CREDENTIALS,
    { region: match[3]!, service: 's3' },
    at,
  );
  return again.signature === match[5];
}

describe('the S3-compatible store', () => {
  let server: Server;
  let endpoint: string;
  const objects = new Map<string, { body: Buffer; type: string }>();
  const seen: string[] = [];
  let failNext = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        seen.push(`${req.method} ${req.url}`);
        if (failNext > 0) {
          failNext--;
          res.writeHead(503).end('<Error><Code>SlowDown</Code></Error>');
          return;
        }
        if (!verify(req, body)) {
          res.writeHead(403, { 'content-type': 'application/xml' }).end('<Error><Code>SignatureDoesNotMatch</Code></Error>');
          return;
        }
        const path = req.url!;
        if (req.method === 'PUT') {
          objects.set(path, { body, type: String(req.headers['content-type']) });
          res.writeHead(200).end();
        } else if (req.method === 'GET') {
          const o = objects.get(path);
          if (!o) res.writeHead(404).end('<Error><Code>NoSuchKey</Code></Error>');
          else res.writeHead(200, { 'content-type': o.type }).end(o.body);
        } else if (req.method === 'DELETE') {
          objects.delete(path);
          res.writeHead(204).end();
        } else res.writeHead(405).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const key = storageKey({ tenantId: 'city-3201', ownerKind: 'work-order', ownerId: '0190e6a4-0000-7000-8000-000000000001', attachmentId: '0190e6a4-0000-7000-8000-0000000000bb' });
  const store = (overrides: Partial<ConstructorParameters<typeof S3Storage>[0]> = {}) =>
    new S3Storage({ endpoint, region: 'cn-north-1', bucket: 'hotline-attachments', credentials: CREDENTIALS, prefix: 'prod', ...overrides });

  it('puts, gets and deletes signed objects by path-style URLs under the tenant', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x10]);
    await store().put(key, bytes, 'image/png');
    expect(seen.at(-1)).toBe(`PUT /hotline-attachments/prod/${key}`);
    expect(objects.get(`/hotline-attachments/prod/${key}`)).toEqual({ body: bytes, type: 'image/png' });
    expect(await store().get(key)).toEqual(bytes);
    await store().delete(key);
    expect(await store().get(key)).toBeUndefined();
  });

  it('fails loudly on a refusal (wrong credentials) and as unavailable on a 5xx or no store', async () => {
    await expect(store({ credentials: { ...CREDENTIALS, secretAccessKey: 'wrong' } }).put(key, Buffer.from('x'), 'text/plain')).rejects.toThrow(
      'attachment store refused PUT with 403 SignatureDoesNotMatch',
    );
    failNext = 1;
    await expect(store().get(key)).rejects.toBeInstanceOf(StorageUnavailableError);
    const gone = store({ endpoint: 'http://127.0.0.1:1' });
    await expect(gone.get(key)).rejects.toMatchObject({ name: 'StorageUnavailableError', code: '503' });
  });
});
