// The optional PrometheusRule of each service (metrics.prometheusRule): its alerts rendered from
// the values, checked against the Prometheus Operator's structure (manifests.ts).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICE_NAMES } from '@hotline/vocabulary';
import { forService as commandFor, localStartCommands } from '../../test/local-start';
import { ensureHelm, EXAMPLES_DIR, LINT_VALUES, prepareCharts } from './helm';
import { forService, Manifest, ofKind, validateManifests } from './manifests';
import { NAMESPACE, renderChart } from './render';

const SERVICES: readonly string[] = SERVICE_NAMES;
let helm: string;
let charts: string;
const rendered = new Map<string, Manifest[]>();
const template = (chart: string, args: string[] = []): Manifest[] => renderChart(helm, charts, chart, args);
const example = (name: string): Manifest[] => {
  const docs = rendered.get(name);
  if (!docs) throw new Error(`example ${name} was not rendered`);
  return docs;
};

beforeAll(() => {
  helm = ensureHelm();
  charts = prepareCharts(helm);
  for (const file of ['province.yaml', 'small-city.yaml']) rendered.set(`hotline/${file}`, template('hotline', ['-f', join(EXAMPLES_DIR, 'hotline', file)]));
  rendered.set('hotline/(defaults)', template('hotline', ['-f', LINT_VALUES]));
}, 120_000);

afterAll(() => {
  if (charts) rmSync(charts, { recursive: true, force: true });
});

describe('alerts (PrometheusRule, off by default)', () => {
  const ALERTS = ['HotlineDeadLetterRecorded', 'HotlineConsumerUnavailable', 'HotlineOutboxStalled', 'HotlineTimersFailed'];
  /** alert name → rule, of one service's PrometheusRule. */
  const alertsOf = (docs: Manifest[], service: string): Record<string, Manifest> => {
    const rules = forService(docs, 'PrometheusRule', service);
    expect({ service, rules: rules.length }).toEqual({ service, rules: 1 });
    return Object.fromEntries(rules[0]['spec'].groups.flatMap((g: { rules: Manifest[] }) => g.rules).map((r: Manifest) => [r['alert'], r]));
  };

  it('are absent unless metrics.prometheusRule.enabled', () => {
    expect(ofKind(example('hotline/(defaults)'), 'PrometheusRule')).toEqual([]);
    expect(ofKind(example('hotline/small-city.yaml'), 'PrometheusRule')).toEqual([]);
  });

  it('the province example has a PrometheusRule per service: its four alerts, labelled with the service (and consumer or timer kind), the dead-letter one telling how to list and replay', () => {
    const docs = example('hotline/province.yaml');
    const { main } = localStartCommands();
    expect(ofKind(docs, 'PrometheusRule')).toHaveLength(SERVICES.length);
    for (const service of SERVICES) {
      const [rule] = forService(docs, 'PrometheusRule', service);
      expect(rule.metadata).toMatchObject({ name: `hotline-${service}`, namespace: NAMESPACE, labels: { release: 'kube-prometheus-stack' } });
      const alerts = alertsOf(docs, service);
      expect(Object.keys(alerts)).toEqual(ALERTS);
      for (const alert of Object.values(alerts)) {
        expect(alert['labels'].service).toBe(service);
        // Only this service's series, and only this release's (the example's selector).
        expect(alert['expr']).toContain(`service="${service}", namespace="hotline"`);
        expect(alert['annotations'].summary).toContain(service);
      }
      const dead = alerts['HotlineDeadLetterRecorded'];
      expect(dead['labels'].severity).toBe('warning');
      expect(dead['expr']).toMatch(/^sum by \(namespace, service, consumer\) \(/);
      expect(dead['expr']).toContain('increase(hl_dead_letters_total{');
      // The first dead letter of a pod starts its series at 1: counted by the `unless … offset` half,
      // for a process that started within the window or was scraped a window ago.
      expect(dead['expr']).toMatch(/hl_dead_letters_total\{[^}]*\} unless hl_dead_letters_total\{[^}]*\} offset 15m\)\s*and on \(job, instance\)/);
      expect(dead['expr']).toMatch(/process_start_time_seconds\{[^}]*\} > time\(\) - 900 or process_start_time_seconds\{[^}]*\} offset 15m/);
      expect(dead['for']).toBe('0m');
      // The hint names this release's Service and Deployment and the image's own entry point.
      const [svc] = forService(docs, 'Service', service);
      const [deployment] = forService(docs, 'Deployment', service);
      const entry = `node ${commandFor(main, service).at(-1)} dead-letters`;
      const hint = dead['annotations'].description;
      expect(hint).toContain(`GET http://${svc.metadata.name}.${NAMESPACE}.svc:${svc['spec'].ports[0].port}/v1/dead-letters?consumer={{ $labels.consumer }}`);
      expect(hint).toContain('POST /v1/dead-letters/{id}/replay');
      expect(hint).toContain('POST /v1/dead-letters/replay');
      expect(hint).toContain(`kubectl -n ${NAMESPACE} exec deploy/${deployment.metadata.name} -- ${entry} list --consumer {{ $labels.consumer }}`);
      expect(hint).toContain(`${entry} replay --all --consumer {{ $labels.consumer }}`);
      const unavailable = alerts['HotlineConsumerUnavailable'];
      expect(unavailable['labels'].severity).toBe('critical');
      expect(unavailable['expr']).toMatch(/^sum by \(namespace, service, consumer\) \(\s*rate\(hl_inbox_messages_total\{[^}]*result="unavailable"\}\[5m\]\)\s*\) > 0$/);
      expect(unavailable['for']).toBe('10m');
      const outbox = alerts['HotlineOutboxStalled'];
      expect(outbox['labels'].severity).toBe('critical');
      expect(outbox['expr']).toMatch(/increase\(hl_outbox_publish_errors_total\{[^}]*\}\[5m\]\)\) > 0\)\s*unless\s*\(sum by \(namespace, service\) \(increase\(hl_outbox_published_total\{/);
      const timers = alerts['HotlineTimersFailed'];
      expect(timers['labels'].severity).toBe('warning');
      expect(timers['expr']).toMatch(/^sum by \(namespace, service, kind\) \(/);
      expect(timers['expr']).toContain('result="failed"');
    }
  });

  it('windows, thresholds, durations, severities and extra labels come from the values; an alert can be turned off, and with every alert off nothing is rendered', () => {
    const set = (values: string) => ['-f', LINT_VALUES, '--set', `dispatch.metrics.prometheusRule.enabled=true,${values}`];
    const docs = template('hotline', set(
      'dispatch.metrics.prometheusRule.deadLetters.window=1h,dispatch.metrics.prometheusRule.deadLetters.threshold=3,' +
        'dispatch.metrics.prometheusRule.consumerUnavailable.for=30m,dispatch.metrics.prometheusRule.timersFailed.severity=page,' +
        'dispatch.metrics.prometheusRule.outboxStalled.enabled=false,dispatch.metrics.prometheusRule.alertLabels.team=hotline-ops,' +
        'dispatch.metrics.prometheusRule.namespace=monitoring',
    ));
    expect(validateManifests(docs)).toEqual([]);
    expect(ofKind(docs, 'PrometheusRule')).toHaveLength(1);
    expect(forService(docs, 'PrometheusRule', 'dispatch')[0].metadata.namespace).toBe('monitoring');
    const alerts = alertsOf(docs, 'dispatch');
    expect(Object.keys(alerts)).toEqual(ALERTS.filter((a) => a !== 'HotlineOutboxStalled'));
    expect(alerts['HotlineDeadLetterRecorded']['expr']).toContain('time() - 3600 or process_start_time_seconds{service="dispatch"} offset 1h');
    expect(alerts['HotlineDeadLetterRecorded']['expr']).toMatch(/\)\s*or increase\(hl_dead_letters_total\{service="dispatch"\}\[1h\]\)\s*\) > 3$/);
    expect(alerts['HotlineConsumerUnavailable']['for']).toBe('30m');
    expect(alerts['HotlineTimersFailed']['labels']).toEqual({ service: 'dispatch', severity: 'page', team: 'hotline-ops' });
    const off = ['deadLetters', 'consumerUnavailable', 'outboxStalled', 'timersFailed'].map((a) => `dispatch.metrics.prometheusRule.${a}.enabled=false`);
    expect(ofKind(template('hotline', set(off.join(','))), 'PrometheusRule')).toEqual([]);
  });

  it('the validator checks a PrometheusRule\'s structure: it rejects a broken one', () => {
    const rule = structuredClone(forService(example('hotline/province.yaml'), 'PrometheusRule', 'intake')[0]);
    const [dead, unavailable, outbox, timers] = rule['spec'].groups[0].rules;
    dead.for = '15 minutes';
    delete unavailable.expr;
    outbox.labels.severity = 3;
    timers.expr = 'sum(rate(hl_timers_total[5m])';
    timers.severity = 'warning';
    const errors = validateManifests([rule]).join('\n');
    expect(errors).toMatch(/^PrometheusRule\/hotline-intake: /);
    expect(errors).toContain('rules[0].for must be a duration');
    expect(errors).toContain('rules[1].expr must be a non-empty string');
    expect(errors).toContain('rules[2].labels must map strings to strings');
    expect(errors).toContain('rules[3].expr has unbalanced brackets');
    expect(errors).toContain('rules[3]: unknown field severity');
    expect(validateManifests([{ ...rule, spec: { groups: [] } }]).join('\n')).toContain('spec.groups must be a non-empty array');
  });
});
