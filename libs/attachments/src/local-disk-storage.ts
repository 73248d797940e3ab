import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { AttachmentStorage, isStorageKey } from './storage';

/**
 * Attachments as files under one directory (the default store: one machine, or a volume shared
 * by the replicas). A file is written beside its place and renamed into it, so a reader never
 * sees half of one; files are readable by the service's user only.
 */
export class LocalDiskStorage implements AttachmentStorage {
  readonly kind = 'local';
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  private pathOf(key: string): string {
    if (!isStorageKey(key)) throw new Error(`not an attachment key: ${key}`);
    const path = resolve(join(this.root, ...key.split('/')));
    // storageKey admits no `..`; this holds even if a caller made a key some other way.
    if (!path.startsWith(this.root + sep)) throw new Error(`key outside the attachment directory: ${key}`);
    return path;
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const partial = `${path}.${randomBytes(6).toString('hex')}.partial`;
    try {
      await writeFile(partial, bytes, { flag: 'wx', mode: 0o600 });
      await rename(partial, path);
    } catch (err) {
      await rm(partial, { force: true });
      throw err;
    }
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.pathOf(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
