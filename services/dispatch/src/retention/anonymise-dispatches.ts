import { EntityManager } from 'typeorm';
import { ANONYMISED_MARKER } from '@hotline/vocabulary';
import { anonymisedColumn, anonymisedBriefKey } from '@hotline/platform';

// Retention's shared fragments (libs/platform anonymised-sql): $2 is the marker.
const removed = (column: string) => anonymisedColumn(column, '$2');
const briefText = (key: string) => anonymisedBriefKey(key, '$2');

export interface AnonymiseDispatches {
  requestId: string;
  identity: boolean;
  freeText: boolean;
}

const IDENTITY = `jsonb_build_object(${briefText('requesterMaskedName')}, ${briefText('requesterMaskedPhone')})`;
const FREE_TEXT = `jsonb_build_object(${briefText('title')}, ${briefText('content')})`;

/**
 * dispatch's copies of a request whose retention period ended, in the caller's tenant
 * transaction: the masked requester (identity) and the title and content (free text) of the
 * briefs it kept for its dispatches and its manual queue; as free text also the units' return
 * basis and the reviewers' decision notes, escalation reasons, the negotiation's title and the
 * units' notes on it. Units, codes, attempts and times stay. Anonymising twice changes nothing.
 */
export async function anonymiseDispatches(manager: EntityManager, a: AnonymiseDispatches): Promise<void> {
  const m = ANONYMISED_MARKER;
  const briefs = [a.identity ? IDENTITY : null, a.freeText ? FREE_TEXT : null].filter(Boolean).join(' || ');
  if (briefs) {
    await manager.query(`update dispatches set brief = brief || ${briefs} where request_id = $1 and brief is not null`, [a.requestId, m]);
    await manager.query(`update dispatch_queue set brief = brief || ${briefs} where request_id = $1`, [a.requestId, m]);
  }
  if (!a.freeText) return;
  await manager.query(
    `update dispatch_returns set basis = ${removed('basis')}, decision_note = ${removed('decision_note')} where request_id = $1`,
    [a.requestId, m],
  );
  await manager.query(`update dispatch_escalations set reason = ${removed('reason')} where request_id = $1`, [a.requestId, m]);
  await manager.query(
    `update dispatch_negotiation_responses set note = ${removed('note')}
     where negotiation_id in (select id from dispatch_negotiations where request_id = $1)`,
    [a.requestId, m],
  );
  await manager.query(`update dispatch_negotiations set title = ${removed('title')} where request_id = $1`, [a.requestId, m]);
}
