import { ServiceDefinition } from '@hotline/platform';
import { AlertsController } from './alerts/alerts.controller';
import { onRequestAcceptedWarnings } from './alerts/on-request-accepted-warnings.handler';
import { ClustersController } from './clusters/clusters.controller';
import { onRequestAcceptedClusters } from './clusters/on-request-accepted-clusters.handler';
import { callHandlers } from './calls/calls.handlers';
import { analyticsConfigSchema } from './config';
import { DeliveriesController } from './deliveries/deliveries.controller';
import { deliverAlertTimer } from './deliveries/deliver-alert.timer';
import { DispatchQualityController } from './dispatch-quality/dispatch-quality.controller';
import { RateRequestsController } from './drill-down/rate-requests.controller';
import { dispatchQualityHandlers } from './dispatch-quality/dispatch-quality.handlers';
import { lifecycleHandlers } from './lifecycle/lifecycle.handlers';
import { LinkageMetricsController } from './linkage/linkage-metrics.controller';
import { linkageHandlers } from './linkage/linkage.handlers';
import { MetricsController } from './metrics/metrics.controller';
import { entities, migrations } from './persistence/schema';
import { ProvinceController } from './province/province.controller';
import { RateSettingsController } from './rate-settings/rate-settings.controller';
import { reportScheduleKeeper } from './reports/report-schedule.worker';
import { keepingRollupsOf } from './rollups/keeping-rollups';
import { rollupFolder } from './rollups/rollup-fold.worker';
import { rollupsCommand } from './rollups/rollups.command';
import { reportDueTimer } from './reports/report-due.timer';
import { ReportsController } from './reports/reports.controller';
import { countEventHandlers } from './tallies/count-event.handler';
import { onTenantChangedTimeZone } from './tenant-settings/on-tenant-changed.handler';
import { TalliesController } from './tallies/tallies.controller';
import { analyticsGrpc } from './tallies/tallies.grpc';
import { WarningSettingsController } from './warning-settings/warning-settings.controller';

/**
 * analytics: read models built from every event of every producing service. Each event is
 * tallied first, then applied to the lifecycle facts, in one inbox transaction.
 */
export const analyticsService: ServiceDefinition = {
  name: 'analytics',
  description:
    'Analytics: read models built from every event; requests by status (terminations by reason apart) and the response, on-time answer, resolution, satisfaction, redo, revisit and on-time completion rates by unit, category, area and period, computed with each tenant’s rate settings; ' +
    'hotspot surge and risk (舆情) early warning with signed webhook delivery; clusters of similar requests ranked by heat; interconnect transfers by direction, counterpart, method and outcome; dispatch quality (returns, re-dispatches, designations, dispatch accuracy) per unit; daily, weekly and monthly reports per tenant with the phone service (人工接通率, 人工应答及时率, callbacks) from intake’s call events, generated on a schedule and on demand, kept as issued (JSON, CSV, a printable page); local days in each tenant’s time zone.',
  configSchema: analyticsConfigSchema,
  entities,
  migrations,
  controllers: [TalliesController, MetricsController, RateRequestsController, RateSettingsController, AlertsController, WarningSettingsController, DeliveriesController, ClustersController, ProvinceController, LinkageMetricsController, DispatchQualityController, ReportsController],
  grpc: (ctx) => [analyticsGrpc(ctx)],
  handlers: [...countEventHandlers, ...keepingRollupsOf(lifecycleHandlers), ...linkageHandlers, ...dispatchQualityHandlers, ...callHandlers, onTenantChangedTimeZone, onRequestAcceptedWarnings, onRequestAcceptedClusters],
  timers: [deliverAlertTimer, reportDueTimer],
  workers: (ctx) => [reportScheduleKeeper(ctx), rollupFolder(ctx)],
  commands: { rollups: rollupsCommand },
};
