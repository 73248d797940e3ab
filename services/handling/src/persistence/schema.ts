import { PiiColumns, PLATFORM_MIGRATIONS } from '@hotline/platform';
import { ProvinceHolidayYearEntity, TenantHolidayYearEntity } from '../calendar/holiday-year.entity';
import { TenantCalendarEntity } from '../calendar/tenant-calendar.entity';
import { ExtensionPolicyEntity, WorkOrderExtensionEntity } from '../extensions/extension.entity';
import { TimeLimitEntity } from '../time-limits/time-limit.entity';
import { WarningPolicyEntity } from '../warnings/warning-policy.entity';
import { UrgingPolicyEntity } from '../urging/urging-policy.entity';
import { SignOffPolicyEntity } from '../sign-off/sign-off-policy.entity';
import { WorkOrderEntity } from '../work-orders/work-order.entity';
import { ClockPolicyEntity } from '../clocks/clock-policy.entity';
import { WorkOrderPauseEntity } from '../clocks/work-order-pause.entity';
import { TenantCalendars1764300000300 } from './1764300000300-tenant-calendars.migration';
import { TimeLimits1764300000400 } from './1764300000400-time-limits.migration';
import { WorkOrders1764300000410 } from './1764300000410-work-orders.migration';
import { DefaultCounting1764300001100 } from './1764300001100-default-counting.migration';
import { HolidayYears1764300001110 } from './1764300001110-holiday-years.migration';
import { WorkOrderClocks1764300001120 } from './1764300001120-work-order-clocks.migration';
import { PersonalDataInWorkOrders1764300003100 } from './1764300003100-personal-data-in-work-orders.migration';
import { Extensions1764300004200 } from './1764300004200-extensions.migration';
import { Warnings1764300004210 } from './1764300004210-warnings.migration';
import { ReturnCancelReason1764300004150 } from './1764300004150-return-cancel-reason.migration';
import { Urging1764300004220 } from './1764300004220-urging.migration';
import { SupervisionOrders1764300004230 } from './1764300004230-supervision-orders.migration';
import { LeaderSignOff1764300004240 } from './1764300004240-leader-sign-off.migration';
import { EscalatedCancelReason1764300004250 } from './1764300004250-escalated-cancel-reason.migration';
import { CoHandling1764300004260 } from './1764300004260-co-handling.migration';
import { HonestClocks1764300004600 } from './1764300004600-honest-clocks.migration';
import { CircularAfterUrges1764300004610 } from './1764300004610-circular-after-urges.migration';
import { ImportantOrdersSignOff1764300004620 } from './1764300004620-important-orders-sign-off.migration';
import { Attachments1764300004650 } from './1764300004650-attachments.migration';
import { AnonymisedWorkOrders1764300005370 } from './1764300005370-anonymised-work-orders.migration';
import { AttachmentErasure1764300006610 } from './1764300006610-attachment-erasure.migration';

export const entities = [TenantCalendarEntity, ProvinceHolidayYearEntity, TenantHolidayYearEntity, TimeLimitEntity, WorkOrderEntity,
  WorkOrderExtensionEntity, ExtensionPolicyEntity, WarningPolicyEntity, UrgingPolicyEntity, SignOffPolicyEntity,
  ClockPolicyEntity, WorkOrderPauseEntity];
/** In order of application; never reorder or edit an applied one, add a new one. */
export const migrations = [
  ...PLATFORM_MIGRATIONS,
  TenantCalendars1764300000300,
  TimeLimits1764300000400,
  WorkOrders1764300000410,
  DefaultCounting1764300001100,
  HolidayYears1764300001110,
  WorkOrderClocks1764300001120,
  PersonalDataInWorkOrders1764300003100,
  Extensions1764300004200,
  Warnings1764300004210,
  ReturnCancelReason1764300004150,
  Urging1764300004220,
  SupervisionOrders1764300004230,
  LeaderSignOff1764300004240,
  EscalatedCancelReason1764300004250,
  CoHandling1764300004260,
  HonestClocks1764300004600,
  CircularAfterUrges1764300004610,
  ImportantOrdersSignOff1764300004620,
  Attachments1764300004650,
  AnonymisedWorkOrders1764300005370,
  AttachmentErasure1764300006610,
];

/** Every encrypted column, for the key rotation (`main.js pii rotate`). */
export const PII_COLUMNS: PiiColumns[] = [
  { table: 'work_orders', key: 'id', columns: ['answer_enc', 'basis_enc', 'contact_record_enc'] },
  { table: 'answer_drafts', key: 'work_order_id', columns: ['answer_enc', 'basis_enc', 'contact_record_enc'] },
];
