import { PLATFORM_MIGRATIONS } from '@hotline/platform';
import { EventTallies1764300000500 } from './1764300000500-event-tallies.migration';
import { LifecycleFacts1764300000600 } from './1764300000600-lifecycle-facts.migration';
import { RequestStatusFromIntake1764300001100 } from './1764300001100-request-status-from-intake.migration';
import { WorkOrderWindows1764300001110 } from './1764300001110-work-order-windows.migration';
import { RevisitOutcomes1764300001120 } from './1764300001120-revisit-outcomes.migration';
import { EarlyWarning1764300004700 } from './1764300004700-early-warning.migration';
import { RequestClusters1764300004710 } from './1764300004710-request-clusters.migration';
import { ClusterRequesters1764300004720 } from './1764300004720-cluster-requesters.migration';
import { ShardedCounters1764300004730 } from './1764300004730-sharded-counters.migration';
import { LinkageTransfers1764300004740 } from './1764300004740-linkage-transfers.migration';
import { WorkOrderUrges1764300004750 } from './1764300004750-work-order-urges.migration';
import { DispatchQuality1764300004760 } from './1764300004760-dispatch-quality.migration';
import { RateSettings1764300005200 } from './1764300005200-rate-settings.migration';
import { EvaluationJudgements1764300005210 } from './1764300005210-evaluation-judgements.migration';
import { RequestTerminations1764300005220 } from './1764300005220-request-terminations.migration';
import { RateIndexes1764300005230 } from './1764300005230-rate-indexes.migration';
import { Reports1764300005700 } from './1764300005700-reports.migration';
import { RateRollups1764300005900 } from './1764300005900-rate-rollups.migration';
import { CallFigures1764300006500 } from './1764300006500-call-figures.migration';
import { TenantTimeZones1764300006510 } from './1764300006510-tenant-time-zones.migration';
import { RequestNumbers1764300006300 } from './1764300006300-request-numbers.migration';
import { AlertAcknowledgements1764300006310 } from './1764300006310-alert-acknowledgements.migration';

/** The read model is plain SQL (upserts and aggregates), so there are no entity classes. */
export const entities = [];
export const migrations = [
  ...PLATFORM_MIGRATIONS,
  EventTallies1764300000500,
  LifecycleFacts1764300000600,
  RequestStatusFromIntake1764300001100,
  WorkOrderWindows1764300001110,
  RevisitOutcomes1764300001120,
  EarlyWarning1764300004700,
  RequestClusters1764300004710,
  ClusterRequesters1764300004720,
  ShardedCounters1764300004730,
  LinkageTransfers1764300004740,
  WorkOrderUrges1764300004750,
  DispatchQuality1764300004760,
  RateSettings1764300005200,
  EvaluationJudgements1764300005210,
  RequestTerminations1764300005220,
  RateIndexes1764300005230,
  Reports1764300005700,
  RateRollups1764300005900,
  RequestNumbers1764300006300,
  AlertAcknowledgements1764300006310,
  CallFigures1764300006500,
  TenantTimeZones1764300006510,
];
