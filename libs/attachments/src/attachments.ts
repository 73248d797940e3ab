import { createHash } from 'node:crypto';
import { ProblemError } from '@hotline/platform';
import type { AttachmentContentType, AttachmentScanResult } from '@hotline/vocabulary';
import { AttachmentConfig, scannerFromConfig, storageFromConfig } from './config';
import { contentDisposition } from './filename';
import { inspectUpload, InspectedUpload, servedContentType, Upload } from './inspect';
import type { AttachmentPolicy } from './policy';
import type { AttachmentStorage } from './storage';
import type { VirusScanner } from './virus-scanner';

export interface AcceptedUpload extends InspectedUpload {
  scanResult: AttachmentScanResult;
}

/**
 * A service's attachments: the rules every upload passes (inspect.ts), the virus-scan hook and
 * the store. The service keeps the metadata rows and decides who may upload and read; this
 * keeps the bytes.
 */
export class Attachments {
  constructor(
    readonly storage: AttachmentStorage,
    readonly scanner: VirusScanner,
  ) {}

  /** From the service's configuration, validated with attachmentConfigShape (ctx.serviceConfig). */
  static fromConfig(config: Record<string, unknown>, service: string): Attachments {
    const own = config as AttachmentConfig;
    return new Attachments(storageFromConfig(own, service), scannerFromConfig(own));
  }

  /** Inspects and scans an upload; its problems name the field (400/413/415), an infected file is a 422. Stores nothing. */
  async accept(upload: Upload, policy: AttachmentPolicy): Promise<AcceptedUpload> {
    const inspected = inspectUpload(upload, policy);
    const verdict = await this.scanner.scan(inspected.bytes);
    if (verdict === 'infected')
      throw new ProblemError(422, 'attachment_infected', 'Attachment refused', 'the virus scanner found malware in the file; it was not stored', [
        { field: '(body)', message: 'must not contain malware' },
      ]);
    return { ...inspected, scanResult: verdict };
  }

  /**
   * The bytes of a stored attachment, checked against the digest taken on upload: bytes missing
   * or changed in the store are an internal error (logged), never served.
   */
  async read(key: string, sha256: string): Promise<Buffer> {
    const bytes = await this.storage.get(key);
    if (!bytes) throw new Error(`attachment bytes missing from the ${this.storage.kind} store`);
    if (createHash('sha256').update(bytes).digest('hex') !== sha256) throw new Error(`attachment bytes in the ${this.storage.kind} store do not match their digest`);
    return bytes;
  }
}

/**
 * The headers of a download: the type the bytes showed on upload (never the one declared), a
 * save-as disposition with the kept name, no sniffing by the browser and a sandbox if it is
 * opened anyway, no caching.
 */
export function downloadHeaders(a: { filename: string; contentType: AttachmentContentType; size: number }): Record<string, string> {
  return {
    'content-type': servedContentType(a.contentType),
    'content-length': String(a.size),
    'content-disposition': contentDisposition(a.filename),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'cache-control': 'no-store',
  };
}
