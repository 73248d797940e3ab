import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION_1 = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HKDF_INFO = 'hotline-pii-v1';

/**
 * Requester PII at rest: AES-256-GCM under a per-tenant key HKDF-SHA256(master, salt = tenant,
 * info = 'hotline-pii-v1'). Stored as `version(1) | iv(12) | tag(16) | ciphertext`; the version
 * byte lets a later key or algorithm coexist with old rows during rotation.
 */
export class PiiCipher {
  private readonly keys = new Map<string, Buffer>();

  constructor(private readonly masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('PII master key must be 32 bytes');
  }

  static fromBase64(masterKeyBase64: string): PiiCipher {
    return new PiiCipher(Buffer.from(masterKeyBase64, 'base64'));
  }

  encrypt(tenantId: string, plaintext: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keyFor(tenantId), iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION_1]), iv, cipher.getAuthTag(), body]);
  }

  encryptOptional(tenantId: string, plaintext: string | undefined): Buffer | null {
    return plaintext === undefined || plaintext === '' ? null : this.encrypt(tenantId, plaintext);
  }

  decrypt(tenantId: string, blob: Buffer): string {
    if (blob.length < 1 + IV_BYTES + TAG_BYTES || blob[0] !== VERSION_1) throw new Error('unsupported PII ciphertext version');
    const iv = blob.subarray(1, 1 + IV_BYTES);
    const tag = blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.keyFor(tenantId), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(blob.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  decryptOptional(tenantId: string, blob: Buffer | null): string | undefined {
    return blob ? this.decrypt(tenantId, blob) : undefined;
  }

  private keyFor(tenantId: string): Buffer {
    let key = this.keys.get(tenantId);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', this.masterKey, Buffer.from(tenantId, 'utf8'), HKDF_INFO, 32));
      this.keys.set(tenantId, key);
    }
    return key;
  }
}
