import { MigrationInterface, QueryRunner } from 'typeorm';
import { acrossTenants } from '@hotline/platform';

/**
 * Late facts that stand for one status whoever's order they are about (the event type alone
 * says which status). Frozen here: later renames of codes must not rewrite history.
 */
const LATE_FACTS = `values
  ('hotline.dispatch.v1.RequestQueuedForManualDispatch', 'awaiting-dispatch', 'queued-for-manual-dispatch'),
  ('hotline.dispatch.v1.RequestDispatched', 'dispatched', 'dispatched'),
  ('hotline.revisit.v1.RevisitRecorded', 'revisited', 'revisit-recorded'),
  ('hotline.revisit.v1.RequestClosed', 'closed', 'revisit-closed'),
  ('hotline.revisit.v1.RequestArchived', 'archived', 'archived')`;

/**
 * A timeline complete whatever order events arrive in: every status-bearing fact is a step
 * with the status it stands for, even after the current status has moved past it; a step keeps
 * its handling round (the timeline is told by round, rank and instant), whether it changed the
 * current status, and the event and fact it records, so neither is recorded twice.
 *
 * Earlier rows: a status was written only on a change of the current status, and in the order of
 * the changes, so such a step changed the status and its round is the number of rework steps
 * (review-failed) up to it. Facts that came too late were kept without a status; those whose
 * event type alone names the status, and the primary answers (their note states the role and
 * round), get it now, once per fact. Late signings, reopenings and reviews stay without one:
 * the row does not say whether they were the primary order's. Older rows have no event id or
 * fact key; the inboxes keep every event id they applied, so those are not applied again.
 */
export class CausalTimeline1764300001400 implements MigrationInterface {
  name = 'CausalTimeline1764300001400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table request_timeline
        add column round int,
        add column changed_status boolean not null default false,
        add column event_id text,
        add column fact_key text`);
    await q.query(`create unique index request_timeline_event on request_timeline (request_id, event_id)`);
    await q.query(`create unique index request_timeline_fact on request_timeline (request_id, fact_key)`);
    await acrossTenants(q, ['request_timeline'], async () => {
      await q.query(`update request_timeline set changed_status = true where status is not null`);
      await q.query(`
        update request_timeline t set round = changes.round
        from (select request_id, seq,
                count(*) filter (where reason = 'review-failed') over (partition by request_id order by seq) as round
              from request_timeline where changed_status) changes
        where t.request_id = changes.request_id and t.seq = changes.seq and t.status in ('in-progress', 'answered')`);
      await q.query(`
        update request_timeline t set status = late.status, reason = late.reason
        from (${LATE_FACTS}) as late (event_type, status, reason)
        where t.status is null and t.event_type = late.event_type and ${firstOfItsFact('t')}`);
      await q.query(`
        update request_timeline t set status = 'answered', reason = 'primary-answered',
          round = substring(t.note from '^primary answer, rework (\\d+)')::int
        where t.status is null and t.event_type = 'hotline.handling.v1.WorkOrderAnswered'
          and t.note ~ '^primary answer, rework \\d+' and ${firstOfItsFact('t')}`);
    });
  }

  async down(q: QueryRunner): Promise<void> {
    // The previous release writes a status only on a change: the steps that did not change it lose theirs.
    await acrossTenants(q, ['request_timeline'], () =>
      q.query(`update request_timeline set status = null, reason = null where not changed_status and status is not null`),
    );
    await q.query(`drop index request_timeline_fact`);
    await q.query(`drop index request_timeline_event`);
    await q.query(`alter table request_timeline drop column fact_key, drop column event_id, drop column changed_status, drop column round`);
  }
}

/** A row no other row of its request repeats (the same event type at the same instant) with a status or before it. */
function firstOfItsFact(row: string): string {
  return `not exists (
    select 1 from request_timeline o
    where o.request_id = ${row}.request_id and o.event_type = ${row}.event_type and o.at = ${row}.at
      and (o.status is not null or o.seq < ${row}.seq))`;
}
