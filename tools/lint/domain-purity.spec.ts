import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// These libraries must stay pure: only relative imports, the shared vocabulary, the
// personal-data rules (@hotline/privacy) and the working-day calendar (@hotline/calendar), each
// pure itself; no npm packages, no Node built-ins and no other workspace library. The vocabulary
// imports only its own modules, privacy and the calendar the vocabulary at most. (The other
// domain libraries may also use node:crypto; ESLint's bannedExternalImports keeps frameworks out
// of all of them.)
const PURE_LIBRARIES = ['vocabulary', 'privacy', 'calendar', 'dispatch-domain', 'intake-domain'];
const ALLOWED = (library: string) =>
  library === 'vocabulary'
    ? /^\.\//
    : library === 'privacy' || library === 'calendar'
      ? /^(\.\/|@hotline\/vocabulary$)/
      : /^(\.\/|@hotline\/(vocabulary|privacy|calendar)$)/;

const sources = PURE_LIBRARIES.flatMap((library) => {
  const dir = join(__dirname, '../../libs', library, 'src');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
    .map((file) => [`${library}/src/${file}`, join(dir, file)]);
});

describe('domain library purity', () => {
  it.each(sources)('%s imports only sibling modules, the vocabulary, the personal-data rules and the calendar', (name, path) => {
    const text = readFileSync(path, 'utf8');
    const specifiers = [...text.matchAll(/\bfrom\s+'([^']+)'|\brequire\(\s*'([^']+)'\s*\)|\bimport\(\s*'([^']+)'/g)].map(
      (m) => m[1] ?? m[2] ?? m[3],
    );
    for (const s of specifiers) expect(s).toMatch(ALLOWED(name.split('/')[0] as string));
  });
});
