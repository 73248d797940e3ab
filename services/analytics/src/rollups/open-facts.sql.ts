import { AssignmentRole } from '@hotline/vocabulary';
import { ContributionScope, OPEN_ANSWER, OPEN_ORDER } from './contribution.sql';

const PRIMARY: AssignmentRole = 'primary';
const STANDS = `(o.answered_at is not null and (o.reopened_at is null or o.answered_at > o.reopened_at))`;
const TERMINATED = `left join request_facts t on t.tenant_id = o.tenant_id and t.request_id = o.request_id and t.terminated_at is not null`;

/**
 * The open orders in scope (OPEN_ORDER), one narrow row each with the instants their rates
 * depend on: the sign-for due while unsigned, the original handling due while no answer stands.
 * An order counts as past due once the read's `now` reaches it.
 */
export const openOrdersSql = (scope: ContributionScope) => `
  insert into rate_open_orders (tenant_id, work_order_id, request_id, day, unit_id, category_code, area_code, terminated, sign_due_at, handle_due_at)
  select o.tenant_id, o.work_order_id, o.request_id, o.day, o.unit_id, o.category_code, o.area_code, t.request_id is not null,
    case when o.signed_at is null then o.sign_due_at end, case when not coalesce(${STANDS}, false) then o.handle_due_at end
  from work_order_facts o ${TERMINATED}
  where ${scope.orders} and o.created_at is not null and coalesce(${OPEN_ORDER}, false)`;

/**
 * The requests in scope with an order still without a standing answer: their completion is
 * undecided until `late_at` (the earliest original due of those orders), then late; -infinity
 * when one of their orders is already late for good; null when none has a due. Such a request
 * is never on time (one of its orders is open), so only its lateness depends on the read's time.
 */
export const openRequestsSql = (scope: ContributionScope) => `
  insert into rate_open_requests (tenant_id, request_id, day, unit_id, category_code, area_code, terminated, late_at)
  select p.tenant_id, p.request_id, p.day, p.unit_id, p.category_code, p.area_code, p.terminated,
    case when p.settled_late then '-infinity'::timestamptz else p.first_due end
  from (
    select o.tenant_id, o.request_id,
      coalesce((array_agg(o.unit_id order by o.created_at desc) filter (where o.role = '${PRIMARY}'))[1], max(o.unit_id)) as unit_id,
      max(o.category_code) as category_code, max(o.area_code) as area_code, max(o.day) as day, bool_or(t.request_id is not null) as terminated,
      bool_or((${STANDS} and not coalesce(o.answered_on_time, false))
        or (not ${STANDS} and o.cancelled_at is not null and coalesce(o.handle_due_at <= o.cancelled_at, false))) as settled_late,
      min(o.handle_due_at) filter (where coalesce(${OPEN_ANSWER}, false)) as first_due,
      bool_or(coalesce(${OPEN_ANSWER}, false)) as open
    from work_order_facts o ${TERMINATED}
    where ${scope.completions} and o.request_id is not null and o.created_at is not null
    group by o.tenant_id, o.request_id
  ) p
  where p.open`;
