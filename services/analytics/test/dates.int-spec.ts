import { status } from '@grpc/grpc-js';
import { analyticsV1, commonV1, Events } from '@hotline/contracts';
import { callUnary, createGrpcClient } from '@hotline/platform';
import { publishEvent, ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { analyticsService } from '../src/analytics.service';

/** Days that are no calendar date, or not written YYYY-MM-DD. */
const NOT_A_DAY = ['2025-02-30', '2025-02-29', '2025-13-01', '2025-00-10', '2025-01-32', '0000-01-01', '2025-1-01', '2025-01-01T00:00', '24:00'];

describe('analytics: days and instants that do not exist (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const get = async (path: string) => sut.as('city-a', ['supervisor'])('GET', path);

  beforeAll(async () => {
    sut = await startServiceUnderTest(analyticsService);
  });

  afterAll(() => sut?.close());

  it('answers every day query parameter that is no calendar date with a 400 naming it, never a 500', async () => {
    const endpoints = ['/v1/metrics/statuses?', '/v1/metrics/stages?', '/v1/metrics/rates?groupBy=day&', '/v1/event-tallies?'];
    for (const endpoint of endpoints)
      for (const field of ['from', 'to'])
        for (const day of NOT_A_DAY) {
          const res = await get(`${endpoint}${field}=${encodeURIComponent(day)}`);
          expect({ endpoint, day, status: res.status, fields: res.body.errors?.map((e: { field: string }) => e.field) }).toEqual({
            endpoint, day, status: 400, fields: [`query.${field}`],
          });
        }
    expect((await get('/v1/metrics/rates?groupBy=day&from=2024-02-29&to=2025-12-31')).status).toBe(200);
  });

  it('answers the same days over gRPC with INVALID_ARGUMENT naming the field', async () => {
    const client = createGrpcClient(analyticsV1.AnalyticsServiceClient, sut.service.grpcAddress);
    const token = await sut.token('city-a', ['supervisor']);
    try {
      for (const day of NOT_A_DAY)
        for (const field of ['fromDay', 'toDay'] as const)
          await expect(callUnary(client, client.getEventTallies, { fromDay: '', toDay: '', [field]: day }, { token })).rejects.toMatchObject({
            code: status.INVALID_ARGUMENT,
            details: expect.stringContaining(field),
          });
      expect(await callUnary(client, client.getEventTallies, { fromDay: '2024-02-29', toDay: '' }, { token })).toEqual({ tallies: [] });
    } finally {
      client.close();
    }
  });

  it('does not count a request received on a day that does not exist on the day JavaScript rolls it over to', async () => {
    const request: commonV1.RequestBrief = {
      requestId: 'r-feb30', number: '3201-x', channel: 'phone', requestType: 'complaint', urgency: 'normal', categoryCode: 'C01', areaCode: '320102',
      title: 't', content: 'c', receivedAt: '2025-02-30T10:00:00+08:00', requesterMaskedName: '', requesterMaskedPhone: '', confidential: false,
      anonymous: false, categoryPath: ['C01'], taxonomyVersion: 1,
    };
    await publishEvent(sut, Events.intake.requestStatusChanged, 'city-a', {
      requestId: request.requestId, fromStatus: '', toStatus: 'registered', reason: 'registered', at: '2025-02-30T10:00:00+08:00', actor: 'agent', sequence: '1',
    });
    await publishEvent(sut, Events.intake.requestAccepted, 'city-a', { request });
    await eventually('the request counted', async () => {
      const tallies = (await get('/v1/event-tallies')).body.items as Array<{ eventType: string }>;
      return tallies.some((t) => t.eventType === Events.intake.requestAccepted.type) && (await get('/v1/metrics/statuses')).body.total === 1;
    });
    // 2025-02-30 10:00 in Shanghai would be read as 2025-03-02: the day is unknown instead.
    expect((await get('/v1/metrics/statuses?from=2025-03-02&to=2025-03-02')).body.total).toBe(0);
  });
});
