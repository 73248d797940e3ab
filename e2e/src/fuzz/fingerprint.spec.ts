import { diffFingerprints, Fingerprint } from './fingerprint';

const fp = (tables: [string, number, string][], streams: [string, number][] = []): Fingerprint => ({
  tables: new Map(tables.map(([name, rows, hash]) => [name, { rows, hash }])),
  streams: new Map(streams),
});

describe('diffFingerprints', () => {
  it('names every table whose rows or content changed, and every stream that grew', () => {
    const before = fp([['intake.requests', 3, 'a'], ['handling.tenant_calendars', 2, 'b'], ['intake.channels', 6, 'c']], [['X_HL_INTAKE_V1', 10]]);
    const after = fp([['intake.requests', 4, 'z'], ['handling.tenant_calendars', 2, 'B'], ['intake.channels', 6, 'c']], [['X_HL_INTAKE_V1', 11]]);
    expect(diffFingerprints(before, after)).toEqual([
      'intake.requests: 3 → 4 rows',
      'handling.tenant_calendars: content changed (2 rows)',
      'stream X_HL_INTAKE_V1: 10 → 11 messages',
    ]);
  });

  it('finds nothing between equal fingerprints', () => {
    const same = fp([['a.t', 1, 'h']], [['S', 1]]);
    expect(diffFingerprints(same, fp([['a.t', 1, 'h']], [['S', 1]]))).toEqual([]);
  });
});
