import { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { ConsumerSpec, durableConsumer, Events } from '@hotline/contracts';
import { createDataSource, migrate, Outbox, PLATFORM_MIGRATIONS, ReceivedEvent } from '../src';
import { createTestDatabase, TestDatabase } from '@hotline/testing';

/** A table recording how many times each event's effect was applied. */
export class Effects1764300009999 implements MigrationInterface {
  name = 'Effects1764300009999';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`create table effects (
      message_id text primary key, aggregate_id text not null, applied int not null, applied_seq bigserial)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table effects');
  }
}

export async function platformTestDatabase(): Promise<{ db: TestDatabase; dataSource: DataSource }> {
  const db = await createTestDatabase('platform');
  const settings = { url: db.url, entities: [], migrations: [...PLATFORM_MIGRATIONS, Effects1764300009999] };
  await migrate(settings);
  const dataSource = createDataSource(settings);
  await dataSource.initialize();
  return { db, dataSource };
}

/** Applies an event's effect; a second application of one event would show applied = 2. */
export async function applyEffect(event: ReceivedEvent, manager: EntityManager): Promise<void> {
  const payload = event.payload as { channel?: { id: string } };
  await manager.query(
    `insert into effects (message_id, aggregate_id, applied) values ($1, $2, 1)
     on conflict (message_id) do update set applied = effects.applied + 1`,
    [event.id, payload.channel?.id ?? '?'],
  );
}

/** Writes `count` events for one aggregate, each in its own transaction like real commands. */
export async function writeEvents(dataSource: DataSource, outbox: Outbox, aggregateId: string, count: number, tenantId = 'city-a') {
  for (let i = 0; i < count; i++) {
    await dataSource.transaction((m) =>
      outbox.append(m, {
        event: Events.intake.channelConfigured,
        tenantId,
        aggregateType: 'channel',
        aggregateId,
        payload: { channel: { id: aggregateId, code: `v${i}`, name: `version ${i}`, kind: 1, enabled: true, createdAt: '' } },
      }),
    );
  }
}

export async function effectStats(dataSource: DataSource): Promise<{ events: number; maxApplied: number; total: number }> {
  const [row] = await dataSource.query(
    `select count(*)::int as events, coalesce(max(applied), 0)::int as "maxApplied", coalesce(sum(applied), 0)::int as total from effects`,
  );
  return row;
}

export function testConsumer(namespace: string, purpose: string): ConsumerSpec {
  return durableConsumer(namespace, 'analytics', 'intake', purpose);
}
