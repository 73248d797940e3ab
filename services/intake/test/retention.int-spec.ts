import { Events } from '@hotline/contracts';
import { uuidv7 } from '@hotline/platform';
import { publishEvent, ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { ANONYMISED_MARKER } from '@hotline/vocabulary';
import { intakeService } from '../src/intake.service';
import { configureTenant, contact, REQUESTER } from './intake-fixtures';

const PHONE = '13900001111';

// revisit's retention run ends a closed request's period; intake removes what it holds (issue 13).
describe('intake: a request anonymised after its retention period', () => {
  let sut: ServiceUnderTest;
  const agent = (...a: [string, string, unknown?]) => sut.as('city-a', ['agent'])(...a);
  const row = async (id: string) =>
    (
      await sut.service.context.db.run('city-a', (m) =>
        m.query(
          `select number, status, received_at, requester_name_enc, requester_phone_enc, requester_id_number_enc, requester_address_enc,
                  requester_key, address_key, title, title_enc, content, content_enc, anonymised_at
           from requests where id = $1`,
          [id],
        ),
      )
    )[0];
  const anonymise = (requestId: string, scope: { identity?: boolean; freeText?: boolean } = {}) =>
    publishEvent(sut, Events.revisit.requestAnonymised, 'city-a', { requestId, anonymisedAt: new Date().toISOString(), runId: uuidv7(), ...scope });

  beforeAll(async () => {
    sut = await startServiceUnderTest(intakeService);
    await configureTenant(sut, 'city-a');
  });
  afterAll(() => sut?.close());

  it('clears identity, match keys and free text, keeps number, codes, times and status; a redelivery changes nothing', async () => {
    const created = await agent('POST', '/v1/requests', contact({ title: `电梯停运 回电${PHONE}`, content: `3号楼电梯停运，联系${PHONE}` }));
    expect(created.status).toBe(201);
    const id = created.body.id;
    const before = await row(id);
    expect(before.requester_key).not.toBeNull();
    await anonymise(id);
    const after = await eventually('anonymised', async () => {
      const r = await row(id);
      return r.anonymised_at ? r : undefined;
    });
    expect(after).toMatchObject({
      number: before.number, status: before.status, received_at: before.received_at,
      requester_name_enc: null, requester_phone_enc: null, requester_id_number_enc: null, requester_address_enc: null,
      requester_key: null, address_key: null, title: ANONYMISED_MARKER, title_enc: null, content: ANONYMISED_MARKER, content_enc: null,
    });
    const detail = (await agent('GET', `/v1/requests/${id}`)).body;
    expect(detail).toMatchObject({ number: before.number, title: ANONYMISED_MARKER, content: ANONYMISED_MARKER, requester: { anonymous: false, name: '', phone: '' } });
    expect(JSON.stringify(detail)).not.toContain(REQUESTER.name.slice(1));
    expect(JSON.stringify(detail)).not.toContain(PHONE.slice(-4));
    const [matches] = await sut.service.context.dataSource.query(`select count(*)::int as n from request_match_texts where request_id = $1`, [id]);
    expect(matches.n).toBe(0);

    // Another message of the same fact (a second run would not send one, a replay might): nothing changes.
    await anonymise(id);
    const processed = await eventually('second event applied', async () => {
      const [{ n }] = await sut.service.context.dataSource.query(`select count(*)::int as n from inbox where consumer like '%retention'`);
      return n >= 2 ? n : undefined;
    });
    expect(processed).toBe(2);
    expect(await row(id)).toEqual(after);
  });

  it('removes only what the policy says, and ignores requests it does not hold', async () => {
    const created = await agent('POST', '/v1/requests', contact({ title: '噪声扰民' }));
    const id = created.body.id;
    await anonymise(id, { identity: true, freeText: false });
    await anonymise(uuidv7());
    await anonymise('not-a-request-id');
    const after = await eventually('identity removed', async () => {
      const r = await row(id);
      return r.anonymised_at ? r : undefined;
    });
    expect(after).toMatchObject({ requester_name_enc: null, requester_phone_enc: null, title: '噪声扰民' });
    await eventually('the other events acked', async () => {
      const [{ n }] = await sut.service.context.dataSource.query(`select count(*)::int as n from inbox where consumer like '%retention'`);
      return n >= 5 || undefined;
    });
    const [{ dead }] = await sut.service.context.dataSource.query(`select count(*)::int as dead from dead_letters`);
    expect(dead).toBe(0);
  });
});
