import { EMPTY_PAYLOAD_HASH, sha256Hex, signV4, SigV4Credentials, uriEncode } from './sigv4';
import { AttachmentStorage, isStorageKey, StorageUnavailableError } from './storage';

export interface S3Settings {
  /** The store's base URL: https://s3.cn-north-1.amazonaws.com.cn, http://minio:9000 … */
  endpoint: string;
  region: string;
  bucket: string;
  credentials: SigV4Credentials;
  /** Prepended to every key (one bucket shared by several deployments). */
  prefix?: string;
  /** How long one call may take, in milliseconds. */
  timeoutMs?: number;
}

/**
 * Attachments in an S3-compatible bucket, by path-style URLs (`<endpoint>/<bucket>/<key>`: what
 * MinIO and most self-hosted stores serve, and what AWS still answers), each request signed with
 * SigV4 (sigv4.ts) and its payload hash. A 5xx or an unreachable store is StorageUnavailableError
 * (a 503 to the caller, who may retry); a 4xx is a configuration fault (credentials, bucket) and
 * surfaces as an internal error.
 */
export class S3Storage implements AttachmentStorage {
  readonly kind = 's3';
  private readonly base: string;

  constructor(private readonly settings: S3Settings) {
    this.base = settings.endpoint.replace(/\/+$/, '');
  }

  private urlOf(key: string): URL {
    if (!isStorageKey(key)) throw new Error(`not an attachment key: ${key}`);
    const path = [this.settings.bucket, ...(this.settings.prefix ? this.settings.prefix.split('/').filter(Boolean) : []), ...key.split('/')]
      .map((segment) => uriEncode(segment))
      .join('/');
    return new URL(`${this.base}/${path}`);
  }

  private async call(method: 'PUT' | 'GET' | 'DELETE', key: string, body?: Buffer, contentType?: string): Promise<Response> {
    const url = this.urlOf(key);
    const payloadHash = body ? sha256Hex(body) : EMPTY_PAYLOAD_HASH;
    const { headers } = signV4(
      { method, url, payloadHash, headers: contentType ? { 'content-type': contentType } : {} },
      this.settings.credentials,
      { region: this.settings.region, service: 's3' },
    );
    const { host: _host, ...sent } = headers; // fetch sets Host from the URL: the same value
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: sent,
        body: body ? new Uint8Array(body.buffer, body.byteOffset, body.byteLength) : undefined,
        signal: AbortSignal.timeout(this.settings.timeoutMs ?? 30_000),
      });
    } catch (err) {
      throw new StorageUnavailableError(`attachment store unreachable (${method})`, { cause: err });
    }
    if (response.status >= 500) {
      await response.body?.cancel();
      throw new StorageUnavailableError(`attachment store answered ${response.status} (${method})`);
    }
    return response;
  }

  private async refused(response: Response, method: string): Promise<never> {
    // S3's error body is XML with a Code; it names no secret, and says what to fix (SignatureDoesNotMatch, NoSuchBucket).
    const text = (await response.text()).slice(0, 500);
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? 'unknown';
    throw new Error(`attachment store refused ${method} with ${response.status} ${code}`);
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    const response = await this.call('PUT', key, bytes, contentType);
    if (!response.ok) return this.refused(response, 'PUT');
    await response.body?.cancel();
  }

  async get(key: string): Promise<Buffer | undefined> {
    const response = await this.call('GET', key);
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    if (!response.ok) return this.refused(response, 'GET');
    return Buffer.from(await response.arrayBuffer());
  }

  async delete(key: string): Promise<void> {
    const response = await this.call('DELETE', key);
    if (!response.ok && response.status !== 404) return this.refused(response, 'DELETE');
    await response.body?.cancel();
  }
}
