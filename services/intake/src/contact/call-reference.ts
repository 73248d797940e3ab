import { createHash, randomBytes } from 'node:crypto';

/** 128 random bits in base64url: 22 characters, no padding. */
export const CALL_REFERENCE_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** A new call reference: unguessable, and meaningless outside this platform. */
export function newCallReference(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * What is stored of a reference: its SHA-256. A reference is 128 random bits, so a plain hash
 * cannot be reversed by trying candidates; a copy of the table calls nobody.
 */
export function callReferenceHash(reference: string): string {
  return createHash('sha256').update(reference, 'utf8').digest('hex');
}
