import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The library must stay pure: only relative imports, no npm packages and no Node built-ins.
describe('purity', () => {
  const sources = readdirSync(__dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));

  it.each(sources)('%s imports only sibling modules', (file) => {
    const text = readFileSync(join(__dirname, file), 'utf8');
    const specifiers = [...text.matchAll(/\bfrom\s+'([^']+)'|\brequire\(\s*'([^']+)'\s*\)|\bimport\(\s*'([^']+)'/g)].map(
      (m) => m[1] ?? m[2] ?? m[3],
    );
    for (const s of specifiers) expect(s).toMatch(/^\.\//);
  });
});
