import { EntityManager } from 'typeorm';
import { canActFor } from '@hotline/handling-domain';
import { maskPersonalData } from '@hotline/privacy';
import { Identity, Outbox, ProblemError, Timers } from '@hotline/platform';
import { announceSupervision } from './announce-supervision';
import { SUPERVISION_REPLY_DUE_TIMER } from './supervision-reply-due.timer';
import { SupervisionOrder, updateSupervision } from './supervision.repository';
import { findVisibleSupervision } from './supervision.query';
import { ReplySupervision } from './supervision.schemas';

/** The supervised unit replies once; a reply after its due is recorded as late. */
export async function replySupervision(manager: EntityManager, outbox: Outbox, who: Identity, id: string, input: ReplySupervision): Promise<SupervisionOrder> {
  const supervision = await findVisibleSupervision(manager, who, id, true);
  if (!canActFor(who, supervision.unitCode)) throw ProblemError.forbidden('only staff of the supervised unit may reply');
  if (supervision.state !== 'open') throw ProblemError.conflict(`the supervision order is ${supervision.state} already`);
  const repliedAt = new Date();
  const replied: SupervisionOrder = {
    ...supervision,
    state: 'replied',
    reply: maskPersonalData(input.reply),
    repliedAt,
    repliedBy: who.subject,
    replyOverdue: supervision.replyOverdue || repliedAt.getTime() >= supervision.replyDueAt.getTime(),
  };
  await updateSupervision(manager, replied);
  await Timers.cancel(manager, SUPERVISION_REPLY_DUE_TIMER, supervision.id);
  await announceSupervision(manager, outbox, replied, 'replied', repliedAt, who.subject);
  return replied;
}
