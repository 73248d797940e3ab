import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalDiskStorage } from './local-disk-storage';
import { storageKey } from './storage';

describe('the local-disk store', () => {
  const root = mkdtempSync(join(tmpdir(), 'hotline-attachments-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const key = (tenantId: string, attachmentId: string) =>
    storageKey({ tenantId, ownerKind: 'request', ownerId: '0190e6a4-0000-7000-8000-000000000001', attachmentId });

  it('keeps bytes under the tenant, readable by the service alone, and gives them back', async () => {
    const store = new LocalDiskStorage(root);
    const k = key('city-3201', '0190e6a4-0000-7000-8000-0000000000aa');
    await store.put(k, Buffer.from('%PDF-1.7 …'));
    expect((await store.get(k))?.toString()).toBe('%PDF-1.7 …');
    const path = join(root, 'city-3201', 'request', '0190e6a4-0000-7000-8000-000000000001', '0190e6a4-0000-7000-8000-0000000000aa');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(path, '..'))).toEqual(['0190e6a4-0000-7000-8000-0000000000aa']); // no partial file left
    expect(await store.get(key('city-3202', '0190e6a4-0000-7000-8000-0000000000aa'))).toBeUndefined();
    await store.delete(k);
    expect(await store.get(k)).toBeUndefined();
    await store.delete(k); // nothing there: no error
  });

  it('refuses a key that is not an attachment key', async () => {
    const store = new LocalDiskStorage(root);
    for (const bad of ['../x', 'city-3201/request/../../etc', 'city-3201/other/a/b', '/etc/passwd', 'city-3201/request/a'])
      await expect(store.get(bad)).rejects.toThrow(/not an attachment key/);
    expect(() => key('../city', 'a')).toThrow(/tenant code/);
    expect(() => key('city-3201', 'a/../b')).toThrow(/ids/);
  });
});
