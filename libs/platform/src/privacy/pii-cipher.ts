import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { z } from 'zod';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const HKDF_INFO = 'hotline-pii-v1';
const MAX_KEY_VERSION = 255;

/** One master key and the version its ciphertexts carry. */
export interface PiiKey {
  version: number;
  key: Buffer;
}

export class PiiKeyMissingError extends Error {}

/**
 * Personal data at rest (requester identity, and free text where it holds personal data):
 * AES-256-GCM under a per-tenant key HKDF-SHA256(master, salt = tenant, info = 'hotline-pii-v1').
 * Stored as `key version (1 byte) | iv (12) | tag (16) | ciphertext`. The first byte names the
 * master key, so a rotation can bring a new key while rows under the old one still read: the
 * cipher encrypts under the current key and decrypts under any key it holds. Rows written before
 * key versions existed start with 1, the version of the first key.
 */
export class PiiCipher {
  private readonly masters = new Map<number, Buffer>();
  private readonly derived = new Map<string, Buffer>();
  readonly currentVersion: number;

  constructor(current: PiiKey | Buffer, retired: PiiKey[] = []) {
    const key = Buffer.isBuffer(current) ? { version: 1, key: current } : current;
    for (const k of [key, ...retired]) {
      if (k.key.length !== 32) throw new Error('PII master key must be 32 bytes');
      if (!Number.isInteger(k.version) || k.version < 1 || k.version > MAX_KEY_VERSION)
        throw new Error(`PII key version must be 1 to ${MAX_KEY_VERSION}`);
      if (this.masters.has(k.version)) throw new Error(`PII key version ${k.version} given twice`);
      this.masters.set(k.version, k.key);
    }
    this.currentVersion = key.version;
  }

  static fromBase64(masterKeyBase64: string): PiiCipher {
    return new PiiCipher(Buffer.from(masterKeyBase64, 'base64'));
  }

  /** From a service's configuration, already validated with piiConfigShape (ctx.serviceConfig). */
  static fromConfig(config: Record<string, unknown>): PiiCipher {
    const { PII_MASTER_KEY, PII_KEY_VERSION, PII_RETIRED_KEYS } = config as Partial<PiiConfig>;
    if (typeof PII_MASTER_KEY !== 'string' || typeof PII_KEY_VERSION !== 'number' || !Array.isArray(PII_RETIRED_KEYS))
      throw new Error('PiiCipher.fromConfig takes the configuration validated with piiConfigShape');
    return new PiiCipher({ version: PII_KEY_VERSION, key: Buffer.from(PII_MASTER_KEY, 'base64') }, PII_RETIRED_KEYS);
  }

  encrypt(tenantId: string, plaintext: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keyFor(this.currentVersion, tenantId), iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([this.currentVersion]), iv, cipher.getAuthTag(), body]);
  }

  encryptOptional(tenantId: string, plaintext: string | undefined | null): Buffer | null {
    return plaintext === undefined || plaintext === null || plaintext === '' ? null : this.encrypt(tenantId, plaintext);
  }

  decrypt(tenantId: string, blob: Buffer): string {
    if (blob.length < 1 + IV_BYTES + TAG_BYTES) throw new Error('PII ciphertext too short');
    const iv = blob.subarray(1, 1 + IV_BYTES);
    const tag = blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.keyFor(PiiCipher.keyVersionOf(blob), tenantId), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(blob.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  decryptOptional(tenantId: string, blob: Buffer | null | undefined): string | undefined {
    return blob ? this.decrypt(tenantId, blob) : undefined;
  }

  /** The same clear text under the current key (what a rotation writes back). */
  reencrypt(tenantId: string, blob: Buffer): Buffer {
    return this.encrypt(tenantId, this.decrypt(tenantId, blob));
  }

  static keyVersionOf(blob: Buffer): number {
    return blob[0] ?? 0;
  }

  private keyFor(version: number, tenantId: string): Buffer {
    const id = `${version}/${tenantId}`;
    let key = this.derived.get(id);
    if (!key) {
      const master = this.masters.get(version);
      if (!master) throw new PiiKeyMissingError(`no PII key of version ${version} (PII_MASTER_KEY is version ${this.currentVersion}; older ones go in PII_RETIRED_KEYS)`);
      key = Buffer.from(hkdfSync('sha256', master, Buffer.from(tenantId, 'utf8'), HKDF_INFO, 32));
      this.derived.set(id, key);
    }
    return key;
  }
}

/** base64 of exactly 32 bytes: 43 characters and one '=' of padding. */
const base64Key32 = z
  .string()
  .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be base64 of exactly 32 bytes')
  .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be base64 of exactly 32 bytes');

const KeyVersion = z.coerce.number().int().min(1).max(MAX_KEY_VERSION);

/**
 * The variables of a service that keeps personal data encrypted: PII_MASTER_KEY (current,
 * version PII_KEY_VERSION, default 1) and PII_RETIRED_KEYS, the older keys a rotation still
 * reads: `version:base64,version:base64`.
 */
export const piiConfigShape = {
  /** Master key for personal data; per-tenant keys are derived from it (HKDF-SHA256). */
  PII_MASTER_KEY: base64Key32,
  PII_KEY_VERSION: KeyVersion.default(1),
  PII_RETIRED_KEYS: z
    .string()
    .default('')
    .transform((value, ctx): PiiKey[] => {
      const keys: PiiKey[] = [];
      for (const entry of value.split(',').map((e) => e.trim()).filter(Boolean)) {
        const [version, key] = entry.split(':');
        const v = KeyVersion.safeParse(version);
        const k = base64Key32.safeParse(key);
        if (!v.success || !k.success) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must list version:base64-key pairs, comma-separated, each key base64 of 32 bytes' });
          return z.NEVER;
        }
        keys.push({ version: v.data, key: Buffer.from(k.data, 'base64') });
      }
      return keys;
    }),
};

export type PiiConfig = z.infer<z.ZodObject<typeof piiConfigShape>>;
