import type { FuzzCase } from './case';
import type { Fingerprint, StateProbe } from './fingerprint';
import type { FuzzResponse } from './http';
import { BatchRunner, emptyReport } from './runner';

/** A platform stand-in: a case whose description says `writes` adds a row, whatever it answers. */
class FakePlatform implements StateProbe {
  rows = 0;
  async take(): Promise<Fingerprint> {
    return { tables: new Map([['svc.t', { rows: this.rows, hash: String(this.rows) }]]), streams: new Map() };
  }
  async settle() {
    return { fingerprint: await this.take(), settled: true };
  }
  send = async (c: FuzzCase): Promise<FuzzResponse> => {
    if (c.description.includes('writes')) this.rows++;
    const status = c.description.includes('accepted') ? 200 : 400;
    return { status, contentType: 'application/problem+json', text: JSON.stringify({ code: 'validation_failed', errors: [{ field: '(body)', message: 'x' }] }) };
  };
}

const op = { service: 's', method: 'POST', path: '/v1/t', pathParams: [], queryParams: [], isPublic: false };
const aCase = (i: number, description: string): FuzzCase => ({
  id: `c-${i}`,
  op,
  family: 'syntax',
  description,
  auth: 'right-role',
  request: { service: 's', method: 'POST', target: '/v1/t', headers: {} },
  expect: 'reject',
});

describe('BatchRunner', () => {
  it('bisects a batch that changed something while refusing everything down to the request that did', async () => {
    const platform = new FakePlatform();
    const report = emptyReport('seed');
    const cases = Array.from({ length: 16 }, (_, i) => aCase(i, i === 11 ? 'writes, refused' : 'refused'));
    await new BatchRunner(platform, platform.send, { batchSize: 16 }, report, new Set()).run(cases, true);
    const partial = report.failures.filter((f) => f.kind === 'partial-write');
    expect(partial).toHaveLength(1);
    expect(partial[0]?.cases.map((c) => c.c.id)).toEqual(['c-11']);
    expect(partial[0]?.changes).toEqual([expect.stringMatching(/^svc\.t: \d+ → \d+ rows$/)]);
    expect(report.batchesChecked).toBe(1);
  });

  it('still checks the refused requests of a batch in which an invalid one was accepted (a failure of its own)', async () => {
    const platform = new FakePlatform();
    const report = emptyReport('seed');
    const cases = [aCase(0, 'writes, accepted'), aCase(1, 'refused'), aCase(2, 'writes, refused')];
    await new BatchRunner(platform, platform.send, { batchSize: 10 }, report, new Set()).run(cases, true);
    expect(report.failures.map((f) => `${f.kind} ${f.cases.map((c) => c.c.id).join(',')}`).sort()).toEqual(['accepted-invalid c-0', 'partial-write c-2']);
  });

  it('finds nothing when refusals change nothing, and counts answers by class', async () => {
    const platform = new FakePlatform();
    const report = emptyReport('seed');
    await new BatchRunner(platform, platform.send, { batchSize: 2 }, report, new Set()).run([aCase(0, 'refused'), aCase(1, 'refused'), aCase(2, 'refused')], true);
    expect(report.failures).toEqual([]);
    expect(report.byClass['4xx']).toBe(3);
    expect(report.batchesChecked).toBe(2);
  });
});
