/** Where a department's releases stand: after the request received at `at` with id `id` (requests go out in that order). */
export interface ReleasePosition {
  at: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The opaque `next` of a release: base64url of "<ISO instant>|<request id>". */
export function encodeCursor(p: ReleasePosition): string {
  return Buffer.from(`${p.at.toISOString()}|${p.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): ReleasePosition | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return undefined;
  const [at, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !at || !id || !UUID.test(id)) return undefined;
  const instant = new Date(at);
  return Number.isNaN(instant.getTime()) || instant.toISOString() !== at ? undefined : { at: instant, id };
}
