import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '@hotline/platform';
import { LocalDiskStorage } from './local-disk-storage';
import { S3Storage } from './s3-storage';
import type { AttachmentStorage } from './storage';
import { CommandVirusScanner, NoVirusScanner, VirusScanner } from './virus-scanner';

const httpUrl = z.string().refine((v) => {
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
}, 'must be an http(s) URL');

/**
 * The variables of the services that keep attachments (intake, handling), validated with the
 * platform's. The store is chosen here, the limits per tenant (/v1/attachment-policy).
 */
export const attachmentConfigShape = {
  /** `local` (files under ATTACHMENT_DIR; the default) or `s3` (an S3-compatible bucket). */
  ATTACHMENT_STORAGE: z.enum(['local', 's3']).default('local'),
  /** The directory of the local store; default `<HOTLINE_STATE_DIR or .local>/attachments/<service>`. */
  ATTACHMENT_DIR: z.string().min(1).optional(),
  /** The start script's state directory, when it started the service (the local store's default lives there). */
  HOTLINE_STATE_DIR: z.string().min(1).optional(),
  ATTACHMENT_S3_ENDPOINT: httpUrl.optional(),
  ATTACHMENT_S3_REGION: z.string().min(1).default('us-east-1'),
  /** A bucket name as S3 takes it (3–63 lowercase letters, digits, dots and dashes). */
  ATTACHMENT_S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name: 3–63 lowercase letters, digits, dots and dashes')
    .optional(),
  ATTACHMENT_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  ATTACHMENT_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  ATTACHMENT_S3_SESSION_TOKEN: z.string().min(1).optional(),
  /** Prepended to every key, e.g. `hotline/prod` (one bucket for several deployments). */
  ATTACHMENT_S3_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, 'letters, digits, dots, dashes and underscores, segments joined by /')
    .optional(),
  /** The virus-scan command, fed each file on stdin (exit 0 clean, 1 infected): e.g. `clamdscan --no-summary -`. Unset: no scan. */
  ATTACHMENT_SCAN_COMMAND: z.string().trim().min(1).optional(),
  ATTACHMENT_SCAN_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(60_000),
};
export const attachmentConfigSchema = z.object(attachmentConfigShape);
export type AttachmentConfig = z.infer<typeof attachmentConfigSchema>;

const S3_REQUIRED = ['ATTACHMENT_S3_ENDPOINT', 'ATTACHMENT_S3_BUCKET', 'ATTACHMENT_S3_ACCESS_KEY_ID', 'ATTACHMENT_S3_SECRET_ACCESS_KEY'] as const;

/** The store the configuration names; an S3 store without its endpoint, bucket or keys stops the service (exit 78). */
export function storageFromConfig(config: AttachmentConfig, service: string): AttachmentStorage {
  if (config.ATTACHMENT_STORAGE === 'local')
    return new LocalDiskStorage(config.ATTACHMENT_DIR ?? join(config.HOTLINE_STATE_DIR ?? '.local', 'attachments', service));
  const { ATTACHMENT_S3_ENDPOINT: endpoint, ATTACHMENT_S3_BUCKET: bucket, ATTACHMENT_S3_ACCESS_KEY_ID: accessKeyId } = config;
  const secretAccessKey = config.ATTACHMENT_S3_SECRET_ACCESS_KEY;
  if (!endpoint || !bucket || !accessKeyId || !secretAccessKey)
    throw new ConfigError(S3_REQUIRED.filter((name) => !config[name]).map((name) => `${name}: required when ATTACHMENT_STORAGE=s3`));
  return new S3Storage({
    endpoint,
    region: config.ATTACHMENT_S3_REGION,
    bucket,
    prefix: config.ATTACHMENT_S3_PREFIX,
    credentials: { accessKeyId, secretAccessKey, sessionToken: config.ATTACHMENT_S3_SESSION_TOKEN },
  });
}

export function scannerFromConfig(config: AttachmentConfig): VirusScanner {
  return config.ATTACHMENT_SCAN_COMMAND ? new CommandVirusScanner(config.ATTACHMENT_SCAN_COMMAND, config.ATTACHMENT_SCAN_TIMEOUT_MS) : new NoVirusScanner();
}
