import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An S3-compatible store on loopback for the services' integration tests: objects in memory by
 * path (`/<bucket>/<prefix>/<key>`), PUT, GET and DELETE as S3 answers them (a DELETE of nothing
 * is a 204 too), every request logged with its answer. `failNext(method, n)` makes the next n
 * requests of that method answer 503 SlowDown, as a store under load does: the services reach it
 * through their real S3Storage, so what they do on a failing store is what is tested. Signatures
 * are not checked here (s3-storage.spec does that against its own stand-in); a request without
 * one is refused all the same.
 */
export class S3StandIn {
  readonly objects = new Map<string, Buffer>();
  /** `<METHOD> <path> <status>` of every request, in order. */
  readonly log: string[] = [];
  private readonly failures = new Map<string, number>();
  private server?: Server;
  endpoint = '';

  static async start(): Promise<S3StandIn> {
    const s = new S3StandIn();
    s.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = decodeURIComponent(req.url ?? '');
        const answer = (status: number, body?: Buffer | string) => {
          s.log.push(`${req.method} ${path} ${status}`);
          res.writeHead(status).end(body);
        };
        const failing = s.failures.get(req.method ?? '') ?? 0;
        if (failing > 0) {
          s.failures.set(req.method!, failing - 1);
          return answer(503, '<Error><Code>SlowDown</Code></Error>');
        }
        if (!String(req.headers['authorization'] ?? '').startsWith('AWS4-HMAC-SHA256 ')) return answer(403, '<Error><Code>AccessDenied</Code></Error>');
        if (req.method === 'PUT') {
          s.objects.set(path, Buffer.concat(chunks));
          return answer(200);
        }
        if (req.method === 'GET') {
          const o = s.objects.get(path);
          return o ? answer(200, o) : answer(404, '<Error><Code>NoSuchKey</Code></Error>');
        }
        if (req.method === 'DELETE') {
          s.objects.delete(path);
          return answer(204);
        }
        return answer(405);
      });
    });
    await new Promise<void>((resolve) => s.server!.listen(0, '127.0.0.1', resolve));
    s.endpoint = `http://127.0.0.1:${(s.server.address() as AddressInfo).port}`;
    return s;
  }

  /** The next `count` requests of `method` answer 503. */
  failNext(method: 'PUT' | 'GET' | 'DELETE', count = 1): void {
    this.failures.set(method, (this.failures.get(method) ?? 0) + count);
  }

  /** The service's variables for this store (bucket `hotline-test`). */
  env(prefix?: string): Record<string, string> {
    return {
      ATTACHMENT_STORAGE: 's3',
      ATTACHMENT_S3_ENDPOINT: this.endpoint,
      ATTACHMENT_S3_BUCKET: 'hotline-test',
      ATTACHMENT_S3_ACCESS_KEY_ID: 'AKIAHOTLINETEST',
      ATTACHMENT_S3_SECRET_ACCESS_KEY: 'hotline-test-secret-key',
      ...(prefix ? { ATTACHMENT_S3_PREFIX: prefix } : {}),
    };
  }

  /** The stored paths whose key ends with this attachment id. */
  pathsOf(attachmentId: string): string[] {
    return [...this.objects.keys()].filter((p) => p.endsWith(`/${attachmentId}`));
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
