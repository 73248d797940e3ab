import type { LocalPlatform } from './support/platform';
import { diffFingerprints, Fingerprinter } from './fuzz/fingerprint';
import { fuzzSettings, fuzzTargetOf, reproductionHints, startFuzzPlatform } from './fuzz/fuzz-platform';
import type { ViolationKind } from './fuzz/oracles';
import { formatFailures, formatFigures } from './fuzz/report';
import { FuzzReport, FuzzTarget, runFuzz } from './fuzz/runner';

// Cases generated from every service's OpenAPI document against the platform the README's start
// command runs (e2e/src/fuzz/README.md). One run, judged by the oracles below.
describe('fuzz: every operation of every OpenAPI document, against the started platform', () => {
  const settings = fuzzSettings();
  const hints = reproductionHints(settings);
  let platform: LocalPlatform;
  let target: (FuzzTarget & { probe: Fingerprinter }) | undefined;
  let report: FuzzReport;

  beforeAll(async () => {
    platform = await startFuzzPlatform();
    target = await fuzzTargetOf(platform);
    const log = (line: string) => void process.stdout.write(`[fuzz] ${line}\n`);
    const { seed, casesPerOperation } = settings;
    report = await runFuzz(target, { seed, casesPerOperation, log, ...(settings.trace ? { trace: log } : {}) });
    process.stdout.write(`\n${formatFigures(report, hints.rerun)}\n`);
    // A guard against a hang, not a bound on speed: alone on two cores the run takes ~13 min
    // (calibration 152 s, 19,158 cases in 768 s, 2026-12-08); beside the rest of the suite in
    // CI it took 2.8× as long to calibrate, which the old 700 s cut short.
  }, 600_000 + settings.casesPerOperation * 30_000);

  afterAll(async () => {
    await target?.probe.close();
    await platform?.destroy();
  }, 60_000);

  const expectNone = (...kinds: ViolationKind[]) => {
    const failures = report.failures.filter((f) => kinds.includes(f.kind));
    if (failures.length > 0) throw new Error(formatFailures(failures, hints));
  };

  it('derives cases for every operation of the five services', () => {
    expect(Object.keys(target?.documents ?? {})).toHaveLength(5);
    expect(report.cases).toBeGreaterThanOrEqual(report.operations);
  });

  it('answers every case, never with a 5xx', () => expectNone('server-error', 'no-answer'));

  it('writes nothing, and publishes nothing, for a request it refuses', () => expectNone('partial-write'));

  it('refuses what the documents call invalid, as a problem with a code that names the field', () =>
    expectNone('accepted-invalid', 'not-problem', 'unnamed-field'));

  it('lets no caller past its credentials: 401 without a valid token, 403 for a wrong role, nothing of another tenant', () =>
    expectNone('auth', 'cross-tenant', 'cross-tenant-leak'));

  // The partial-write oracle is only as good as its fingerprints: an accepted write must show.
  it('sees an accepted write in its fingerprints: the row and the event it published', async () => {
    const probe = target!.probe;
    const before = (await probe.settle()).fingerprint;
    const admin = platform.tokens()['city-3201']!['tenant-admin'];
    const created = await platform.api('intake', 'POST', '/v1/channels', admin, { code: `fz-${Date.now().toString(36)}`, name: 'fuzz', kind: 'sms' });
    expect(created.status).toBe(201);
    const changes = diffFingerprints(before, (await probe.settle()).fingerprint);
    expect(changes).toEqual(expect.arrayContaining([expect.stringMatching(/^intake\.channels: \d+ → \d+ rows$/), expect.stringMatching(/^stream .*HL_INTAKE_V1: \d+ → \d+ messages$/)]));
  });
});
