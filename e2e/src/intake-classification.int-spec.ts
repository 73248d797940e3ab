import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvTable } from '@hotline/classify';
import { ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { dispatchService } from '../../services/dispatch/src/dispatch.service';
import { intakeService } from '../../services/intake/src/intake.service';

// Classification suggestions (issue 14) on the real intake (PostgreSQL, NATS, the training
// thread): a model trained on real labelled citizen messages suggests categories while the
// agent types, the agent's choices are measured against it, and a retrained model replaces the
// active one only when it does better on the most recent requests. Then dispatch's catalog match.

const DATA = join(__dirname, '../../../shared/data/messages-labelled-train.csv');

/** The message board's first-level classes as DB44/T 2479 first-level codes (as the demo tenant maps them). */
const BOARD_TO_CODE: Record<string, string> = {
  城乡建设: '03',
  劳动和社会保障: '08',
  教育文体: '01',
  商贸旅游: '11',
  环境保护: '04',
  卫生计生: '02',
  交通运输: '05',
};
const CODES = Object.values(BOARD_TO_CODE);
const NAMES: Record<string, string> = { '01': '科教文体', '02': '公卫医疗', '03': '城乡建设', '04': '自然资源与环境保护', '05': '交通运输', '08': '人力资源社会保障', '11': '经济财贸' };

interface Message {
  title?: string;
  content: string;
  categoryCode: string;
  createdAt: string;
}

/** The labelled messages in a seeded order (the file is grouped by class), cut to a request's limits. */
function labelledMessages(): Message[] {
  const table = parseCsvTable(readFileSync(DATA, 'utf8'));
  const at = (name: string) => table.header.indexOf(name);
  const messages = table.rows
    .filter((r) => r[at('body')].trim())
    .map((r) => ({
      ...(r[at('title')].trim() ? { title: Array.from(r[at('title')].trim()).slice(0, 200).join('') } : {}),
      content: Array.from(r[at('body')].trim()).slice(0, 4000).join(''),
      categoryCode: BOARD_TO_CODE[r[at('category_l1')]],
      createdAt: r[at('created_at')],
    }));
  let seed = 20240601;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = messages.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [messages[i], messages[j]] = [messages[j], messages[i]];
  }
  return messages;
}

/** Every code one place on: a confirmed history that is consistently wrong. */
const permuted = (m: Message): Message => ({ ...m, categoryCode: CODES[(CODES.indexOf(m.categoryCode) + 1) % CODES.length] });

describe('intake classification suggestions (real PostgreSQL, NATS and training thread)', () => {
  let sut: ServiceUnderTest;
  const T = 'city-cl';
  const messages = labelledMessages();
  // Registered in this order; each later slice is more recent than the ones before.
  const first = messages.slice(0, 150);
  const garbled = messages.slice(150, 450).map(permuted);
  const recentClean = messages.slice(450, 530);
  const more = messages.slice(530, 1530);
  const unseen = messages.slice(1530, 1560);

  const admin = () => sut.as(T, ['tenant-admin']);
  const agent = () => sut.as(T, ['agent']);
  const supervisor = () => sut.as(T, ['supervisor']);

  async function register(batch: readonly Message[]) {
    const call = agent();
    for (let i = 0; i < batch.length; i += 10) {
      const results = await Promise.all(
        batch.slice(i, i + 10).map((m) =>
          call('POST', '/v1/requests', {
            channel: 'phone',
            requester: { name: '市民', phone: '13800001111' },
            ...(m.title ? { title: m.title } : {}),
            content: m.content,
            areaCode: '320102',
            requestType: 'complaint',
            urgency: 'normal',
            categoryCode: m.categoryCode,
            scope: { decision: 'in-scope' },
          }),
        ),
      );
      for (const r of results) expect(r.status).toBe(201);
    }
  }

  /** Starts a training run and waits for its end. */
  async function train() {
    const started = await admin()('POST', '/v1/classification/models/training');
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ state: 'running', trigger: 'admin' });
    return finished(started.body.runId);
  }

  async function finished(runId: string) {
    for (let i = 0; i < 600; i++) {
      const run = await supervisor()('GET', `/v1/classification/models/training/${runId}`);
      expect(run.status).toBe(200);
      if (run.body.state === 'finished') return run.body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`training run ${runId} did not end in 60 s`);
  }

  beforeAll(async () => {
    sut = await startServiceUnderTest(intakeService, {
      // Small bounds so that a few hundred real messages exercise the rules: the most recent 1,000 read, 100 needed.
      env: { CLASSIFICATION_MAX_EXAMPLES: '1000', CLASSIFICATION_MIN_EXAMPLES: '100', CLASSIFICATION_TRAINING_INTERVAL_MINUTES: '0' },
    });
    expect((await admin()('POST', '/v1/channels', { code: 'phone', name: '12345 热线电话', kind: 'phone' })).status).toBe(201);
    const categories = [
      ...CODES.map((code) => ({ code, name: NAMES[code], level: 1 })),
      { code: '0306', name: '物业管理', parentCode: '03', level: 2 },
    ];
    expect((await admin()('PUT', '/v1/categories', { categories })).status).toBe(200);
  }, 120_000);
  afterAll(() => sut?.close());

  it('suggests type and urgency but no category before the tenant has a model, and names bad fields', async () => {
    const res = await agent()('POST', '/v1/classification/suggestions', { content: '楼上漏水严重，投诉物业不处理' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      suggestionId: expect.any(String),
      modelVersion: null,
      categories: [],
      requestType: { code: 'complaint' },
      urgency: { code: 'urgent', cues: ['漏水'] },
    });
    const bad = await agent()('POST', '/v1/classification/suggestions', { title: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['content', 'title']);
    expect((await agent()('POST', '/v1/classification/models/training')).status).toBe(403);
    const tooFew = await train();
    expect(tooFew).toMatchObject({ outcome: 'skipped', modelVersion: null, detail: expect.stringContaining('at least 100') });
  });

  it('trains a first model on real labelled requests and suggests the top 3 categories with the words behind them', async () => {
    await register(first);
    const run = await train();
    expect(run).toMatchObject({ outcome: 'activated', modelVersion: 1 });
    const models = await supervisor()('GET', '/v1/classification/models');
    expect(models.body.activeVersion).toBe(1);
    expect(models.body.items[0]).toMatchObject({ version: 1, state: 'active', source: 'requests', exampleCount: 127, previous: null, holdout: { count: 23 } });

    let top3 = 0;
    for (const m of unseen) {
      const res = await agent()('POST', '/v1/classification/suggestions', { ...(m.title ? { title: m.title } : {}), content: m.content });
      expect(res.status).toBe(200);
      expect(res.body.modelVersion).toBe(1);
      expect(res.body.categories).toHaveLength(3);
      for (const c of res.body.categories) {
        expect(CODES).toContain(c.code);
        expect(c).toMatchObject({ name: NAMES[c.code], path: [{ code: c.code, name: NAMES[c.code] }], probability: expect.any(Number) });
        expect(c.terms.length).toBeGreaterThan(0);
      }
      const probabilities = res.body.categories.map((c: { probability: number }) => c.probability);
      expect([...probabilities].sort((a, b) => b - a)).toEqual(probabilities);
      if (res.body.categories.some((c: { code: string }) => c.code === m.categoryCode)) top3++;
      const outcome = await agent()('POST', `/v1/classification/suggestions/${res.body.suggestionId}/outcome`, {
        categoryCode: m.categoryCode,
        requestType: res.body.requestType.code,
        urgency: 'normal',
      });
      expect(outcome.status).toBe(200);
    }
    // Top-3 of the full set is 0.99 in cross-validation; 128 training messages still put the right one in the top 3 most of the time.
    expect(top3).toBeGreaterThanOrEqual(24);

    const quality = await supervisor()('GET', '/v1/classification/quality?from=2000-01-01');
    expect(quality.status).toBe(200);
    const v1 = quality.body.byModel.find((q: { modelVersion: number | null }) => q.modelVersion === 1);
    expect(v1).toMatchObject({ suggestions: unseen.length, withOutcome: unseen.length, top3Agreement: top3 / unseen.length, requestTypeAgreement: 1 });
    expect(v1.top1Agreement).toBeLessThanOrEqual(v1.top3Agreement);
    expect(quality.body.byModel.find((q: { modelVersion: number | null }) => q.modelVersion === null)).toMatchObject({ suggestions: 1, withOutcome: 0, top1Agreement: null });
    expect((await supervisor()('GET', '/v1/classification/quality?from=2030-01-01&to=2029-01-01')).body.errors[0].field).toBe('query.from');
  }, 300_000);

  it('records the agent choice once: the same again is answered alike, another is a conflict', async () => {
    const res = await agent()('POST', '/v1/classification/suggestions', { title: '小区物业乱收费', content: '物业公司擅自提高物业费，业主多次反映无果。' });
    const choice = { categoryCode: '0306', requestType: 'complaint', urgency: 'normal' };
    const path = `/v1/classification/suggestions/${res.body.suggestionId}/outcome`;
    const once = await agent()('POST', path, choice);
    expect(once.status).toBe(200);
    // 0306 sits below 03: a suggestion of 03 counts as taken.
    const rankOf03 = res.body.categories.findIndex((c: { code: string }) => c.code === '03');
    expect(once.body.matchedRank).toBe(rankOf03 < 0 ? null : rankOf03 + 1);
    expect(await agent()('POST', path, choice)).toMatchObject({ status: 200, body: once.body });
    expect(await agent()('POST', path, { ...choice, urgency: 'urgent' })).toMatchObject({ status: 409, body: { code: 'outcome_recorded' } });
    const unknown = await agent()('POST', `/v1/classification/suggestions/${res.body.suggestionId}/outcome`, { ...choice, categoryCode: '9999' });
    expect(unknown.status).toBe(409);
    const other = await agent()('POST', '/v1/classification/suggestions', { content: '公交车司机态度差' });
    const badCode = await agent()('POST', `/v1/classification/suggestions/${other.body.suggestionId}/outcome`, { ...choice, categoryCode: '9999' });
    expect(badCode).toMatchObject({ status: 400, body: { errors: [{ field: 'categoryCode' }] } });
    const missing = await agent()('POST', `/v1/classification/suggestions/${other.body.suggestionId}/outcome`, { ...choice, requestId: '00000000-0000-4000-8000-000000000000' });
    expect(missing.body.errors).toEqual([{ field: 'requestId', message: 'no request of this hotline has this id' }]);
    expect((await agent()('POST', '/v1/classification/suggestions/00000000-0000-4000-8000-000000000000/outcome', choice)).status).toBe(404);
  });

  it('keeps the active model when a model trained on a garbled history does worse on the most recent requests, and takes a better one', async () => {
    // A consistently wrong stretch of history, then correct requests again: the held-back most recent ones are correct.
    await register(garbled);
    await register(recentClean);
    const worse = await train();
    expect(worse).toMatchObject({ outcome: 'rejected', modelVersion: 2 });
    let models = (await supervisor()('GET', '/v1/classification/models')).body;
    expect(models.activeVersion).toBe(1);
    const rejected = models.items.find((m: { version: number }) => m.version === 2);
    expect(rejected).toMatchObject({ state: 'rejected', previous: { version: 1 } });
    expect(rejected.holdout.accuracy).toBeLessThanOrEqual(rejected.previous.accuracy);
    expect((await agent()('POST', '/v1/classification/suggestions', { content: '学校食堂卫生差' })).body.modelVersion).toBe(1);

    // More correct history: the most recent 1,000 read are all correct, 850 to learn from against version 1's 127.
    await register(more);
    const better = await train();
    expect(better).toMatchObject({ outcome: 'activated', modelVersion: 3 });
    models = (await supervisor()('GET', '/v1/classification/models')).body;
    expect(models.activeVersion).toBe(3);
    expect(models.items.map((m: { version: number; state: string }) => [m.version, m.state])).toEqual([
      [3, 'active'],
      [2, 'rejected'],
      [1, 'retired'],
    ]);
    const v3 = models.items[0];
    expect(v3.holdout.accuracy).toBeGreaterThan(v3.previous.accuracy);
    expect(v3.previous.version).toBe(1);
    // The next suggestion comes from the new model (the cache follows the active version).
    expect((await agent()('POST', '/v1/classification/suggestions', { content: '学校食堂卫生差' })).body.modelVersion).toBe(3);
  }, 600_000);

  it('gives a tenant without a model its first one from the whole labelled set, as the demo seed does, once', async () => {
    const I = 'city-ci';
    const importer = sut.as(I, ['tenant-admin']);
    await importer('PUT', '/v1/categories', { categories: CODES.map((code) => ({ code, name: NAMES[code], level: 1 })) });
    // Oldest first, undated rows before dated ones (tools/local/classification-seed.mjs): the most recent 15 % are held back.
    const examples = [...messages]
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map(({ createdAt: _, ...example }) => example);
    const bad = await importer('POST', '/v1/classification/models/import-training', { examples: [{ ...examples[0], categoryCode: '0306' }, ...examples.slice(1)] });
    expect(bad).toMatchObject({ status: 400, body: { errors: [{ field: 'examples.0.categoryCode' }] } });
    const started = await importer('POST', '/v1/classification/models/import-training', { examples });
    expect(started).toMatchObject({ status: 202, body: { trigger: 'import' } });
    let run = started.body;
    for (let i = 0; i < 1200 && run.state !== 'finished'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      run = (await importer('GET', `/v1/classification/models/training/${started.body.runId}`)).body;
    }
    expect(run).toMatchObject({ outcome: 'activated', modelVersion: 1 });
    const model = (await importer('GET', '/v1/classification/models')).body.items[0];
    expect(model).toMatchObject({ source: 'import', state: 'active', exampleCount: 4582, categoryCount: 7, holdout: { count: 809 } });
    // Measured 0.905 top-1 and 0.996 top-3 on the most recent 809 (docs/classification.md).
    expect(model.holdout.accuracy).toBeGreaterThan(0.85);
    expect(model.holdout.top3).toBeGreaterThan(0.98);
    expect(await importer('POST', '/v1/classification/models/import-training', { examples })).toMatchObject({ status: 409, body: { code: 'model_exists' } });
    // Tenants do not see each other's models.
    expect((await sut.as(I, ['agent'])('POST', '/v1/classification/suggestions', { content: '公交车司机态度差' })).body.modelVersion).toBe(1);
    expect((await sut.as('city-cz', ['agent'])('POST', '/v1/classification/suggestions', { content: '公交车司机态度差' })).body.modelVersion).toBeNull();
  }, 180_000);

  it('records the agent choice with the registration that names its suggestion, in the same transaction, once', async () => {
    const shown = await agent()('POST', '/v1/classification/suggestions', { title: '物业费', content: '物业公司擅自提高物业费。' });
    expect(shown.status).toBe(200);
    const contact = {
      channel: 'phone',
      requester: { name: '市民', phone: '13800001111' },
      content: '物业公司擅自提高物业费，业主多次反映无果。',
      areaCode: '320102',
      requestType: 'complaint',
      urgency: 'urgent',
      categoryCode: '0306',
      scope: { decision: 'in-scope' },
      classificationSuggestionId: shown.body.suggestionId,
    };
    const registered = await agent()('POST', '/v1/requests', contact);
    expect(registered.status).toBe(201);
    // The outcome is there, naming the request: the same choice asked again is answered with it.
    const outcome = await agent()('POST', `/v1/classification/suggestions/${shown.body.suggestionId}/outcome`, {
      categoryCode: '0306', requestType: 'complaint', urgency: 'urgent', requestId: registered.body.id,
    });
    expect(outcome).toMatchObject({ status: 200, body: { requestId: registered.body.id, urgency: 'urgent', categoryCode: '0306' } });

    // A second registration naming it is refused, naming the field, and registers nothing.
    const before = await sut.service.context.db.run(T, (m) => m.query(`select count(*)::int as n from requests`));
    const again = await agent()('POST', '/v1/requests', contact);
    expect(again).toMatchObject({ status: 400, body: { errors: [{ field: 'classificationSuggestionId' }] } });
    const unknown = await agent()('POST', '/v1/requests', { ...contact, classificationSuggestionId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.body.errors).toEqual([{ field: 'classificationSuggestionId', message: 'no classification suggestion of this hotline has this id' }]);
    const after = await sut.service.context.db.run(T, (m) => m.query(`select count(*)::int as n from requests`));
    expect(after[0].n).toBe(before[0].n);
  });
});

describe('dispatch catalog match (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const T = 'city-cm';

  beforeAll(async () => {
    sut = await startServiceUnderTest(dispatchService);
  });
  afterAll(() => sut?.close());

  it('names the units the catalog in force would choose, without dispatching', async () => {
    const admin = sut.as(T, ['tenant-admin']);
    const agent = sut.as(T, ['agent']);
    const none = await agent('GET', '/v1/catalog/match?categoryCode=030603&areaCode=320102');
    expect(none.body).toMatchObject({ matched: false, catalogVersion: null, reason: 'no published dispatch catalog', primary: null });
    const unit = async (code: string, name: string) => (await admin('POST', '/v1/units', { code, name, areaCodes: ['3201'] })).body.id as string;
    const housing = await unit('housing', '住房和城乡建设局');
    const district = await unit('district', '玄武区人民政府');
    const env = await unit('env', '生态环境局');
    const published = await admin('PUT', '/v1/catalog', {
      entries: [
        { categoryCode: '03', areaCode: '*', primaryUnitId: housing },
        { categoryCode: '0306', areaCode: '320102', primaryUnitId: housing, assistingUnitIds: [district], firstResponsible: true },
        { categoryCode: '04', areaCode: '*', primaryUnitId: env },
      ],
    });
    expect(published.status).toBe(200);
    const outbox = async () => (await sut.service.context.dataSource.query(`select count(*)::int as n from outbox`))[0].n as number;
    const eventsBefore = await outbox();

    const match = await agent('GET', '/v1/catalog/match?categoryCode=030603&areaCode=320102001&requestType=complaint');
    expect(match.status).toBe(200);
    expect(match.body).toEqual({
      categoryCode: '030603',
      areaCode: '320102001',
      requestType: 'complaint',
      catalogVersion: published.body.version,
      matched: true,
      entry: { categoryCode: '0306', areaCode: '320102', territorial: false, firstResponsible: true },
      primary: { id: housing, code: 'housing', name: '住房和城乡建设局' },
      assisting: [{ id: district, code: 'district', name: '玄武区人民政府' }],
      reason: null,
    });
    // Another district: the 03 entry for any area.
    expect((await agent('GET', '/v1/catalog/match?categoryCode=030603&areaCode=320104')).body).toMatchObject({ entry: { categoryCode: '03' }, assisting: [] });
    const uncatalogued = await sut.as(T, ['dispatcher'])('GET', '/v1/catalog/match?categoryCode=13&areaCode=320104');
    expect(uncatalogued.body).toMatchObject({ matched: false, reason: expect.stringContaining('no catalog entry'), primary: null });
    // A tenant's own codes nest by the path given.
    expect((await agent('GET', '/v1/catalog/match?categoryCode=X1&categoryPath=04,X1&areaCode=320104')).body.primary.id).toBe(env);

    const bad = await agent('GET', '/v1/catalog/match?categoryCode=03&areaCode=32x&requestType=nonsense');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['query.areaCode', 'query.requestType']);
    expect((await agent('GET', '/v1/catalog/match?categoryCode=03&areaCode=320104&categoryPath=04')).body.errors[0].field).toBe('query.categoryPath');
    expect((await sut.as(T, ['unit-operator'])('GET', '/v1/catalog/match?categoryCode=03&areaCode=320104')).status).toBe(403);
    // Nothing was dispatched or announced.
    expect(await outbox()).toBe(eventsBefore);
  });
});
