{{/*
This service's alerts, as a Prometheus Operator PrometheusRule (monitoring.coreos.com/v1), off
by default (metrics.prometheusRule.enabled). Every expression selects the service by the
`service` label the services put on all their metrics (plus metrics.prometheusRule.selector),
and sums over pods; each alert is labelled with the service, the consumer or timer kind where
the metric has one, and its severity. What each alert means and what to do: docs/deploy.md,
"Alerts".

Counters with labels (dead letters, timer results) have no series until their first increment,
so `increase()` alone never sees the first dead letter of a consumer in a pod (its series starts
at 1). "hotline-lib.recentCount" adds the series that appeared within the window, all of whose
value is recent, but only from a process Prometheus knows was there without them: one that
started within the window, or that was scraped a window ago (`process_start_time_seconds`, a
default metric, marks both). So a Prometheus that has just started, or lost its data, does not
take every old series for a new one.
*/}}
{{- define "hotline-lib.recentCount" -}}
{{- $m := index . 0 -}}
{{- $window := index . 1 -}}
{{- $process := printf "process_start_time_seconds{%s}" (index . 2) -}}
(
  ({{ $m }} unless {{ $m }} offset {{ $window }})
  and on (job, instance)
  ({{ $process }} > time() - {{ include "hotline-lib.durationSeconds" $window }} or {{ $process }} offset {{ $window }})
)
or increase({{ $m }}[{{ $window }}])
{{- end -}}

{{/* A Prometheus duration ("1h30m") in whole seconds: PromQL before 3.x has no duration arithmetic. */}}
{{- define "hotline-lib.durationSeconds" -}}
{{- $units := dict "y" 31536000000 "w" 604800000 "d" 86400000 "h" 3600000 "m" 60000 "s" 1000 "ms" 1 -}}
{{- $ms := 0 -}}
{{- range regexFindAll "[0-9]+(ms|[ywdhms])" (toString .) -1 -}}
{{- $ms = add $ms (mul (regexFind "^[0-9]+" . | atoi) (get $units (regexReplaceAll "^[0-9]+" . ""))) -}}
{{- end -}}
{{- div $ms 1000 -}}
{{- end -}}

{{- define "hotline-lib.prometheusRule" -}}
{{- /* Nothing when every alert is off: a rule group needs at least one rule. */ -}}
{{- $r := .Values.metrics.prometheusRule -}}
{{- if and $r.enabled (or $r.deadLetters.enabled $r.consumerUnavailable.enabled $r.outboxStalled.enabled $r.timersFailed.enabled) -}}
{{- $svc := .Chart.Name -}}
{{- $fullname := include "hotline-lib.fullname" . -}}
{{- $ns := .Release.Namespace -}}
{{- $sel := printf "service=%q" $svc -}}
{{- with $r.selector }}{{ $sel = printf "%s, %s" $sel . }}{{ end -}}
{{- $metadataLabels := merge (dict) $r.labels (include "hotline-lib.labels" . | fromYaml) -}}
{{- $alertLabels := dict "service" $svc -}}
{{- $api := printf "http://%s.%s.svc:%v" $fullname $ns .Values.service.ports.http -}}
{{- $cli := printf "kubectl -n %s exec deploy/%s -- node dist/services/%s/src/main.js dead-letters" $ns $fullname $svc -}}
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: {{ $fullname }}
  namespace: {{ $r.namespace | default $ns | quote }}
  labels:
    {{- toYaml $metadataLabels | nindent 4 }}
spec:
  groups:
    - name: {{ $fullname }}
      rules:
        {{- with $r.deadLetters }}
        {{- if .enabled }}
        {{- $m := printf "hl_dead_letters_total{%s}" $sel }}
        - alert: HotlineDeadLetterRecorded
          expr: |-
            sum by (namespace, service, consumer) (
              {{- include "hotline-lib.recentCount" (list $m .window $sel) | nindent 14 }}
            ) > {{ .threshold }}
          for: {{ .for | quote }}
          labels:
            {{- toYaml (merge (dict "severity" .severity) $alertLabels $r.alertLabels) | nindent 12 }}
          annotations:
            summary: {{ printf "%s: consumer {{ $labels.consumer }} recorded {{ $value | printf \"%%.0f\" }} dead letter(s) in the last %s" $svc .window | quote }}
            description: >-
              {{ $svc }}'s consumer {{`{{ $labels.consumer }}`}} could not apply some messages
              (undecodable, or failing deterministically after its retries) and set them aside
              as dead letters; it went on with the next ones. List them with their errors:
              GET {{ $api }}/v1/dead-letters?consumer={{`{{ $labels.consumer }}`}} (role
              province-operator or tenant-admin, e.g. through
              `kubectl -n {{ $ns }} port-forward svc/{{ $fullname }} {{ $.Values.service.ports.http }}`),
              or `{{ $cli }} list --consumer {{`{{ $labels.consumer }}`}}`
              (the server container has the service's environment).
              Fix the cause, then replay (idempotent): POST /v1/dead-letters/{id}/replay for one,
              POST /v1/dead-letters/replay with {"consumer":"{{`{{ $labels.consumer }}`}}"} for all waiting,
              or `{{ $cli }} replay --all --consumer {{`{{ $labels.consumer }}`}}`.
              Those recorded on the broker (recorded="broker", the database was down) are listed
              once the database is back.
        {{- end }}
        {{- end }}
        {{- with $r.consumerUnavailable }}
        {{- if .enabled }}
        - alert: HotlineConsumerUnavailable
          expr: |-
            sum by (namespace, service, consumer) (
              rate(hl_inbox_messages_total{ {{- $sel }}, result="unavailable"}[{{ .window }}])
            ) > 0
          for: {{ .for | quote }}
          labels:
            {{- toYaml (merge (dict "severity" .severity) $alertLabels $r.alertLabels) | nindent 12 }}
          annotations:
            summary: {{ printf "%s: consumer {{ $labels.consumer }} keeps meeting an unavailable database or NATS" $svc | quote }}
            description: >-
              For {{ .for }} {{ $svc }}'s consumer {{`{{ $labels.consumer }}`}} has been failing
              on infrastructure ({{`{{ $value | humanize }}`}} messages/s with result="unavailable"):
              its PostgreSQL database or NATS does not answer. Nothing is lost: the messages are
              retried until it is back, but {{ $svc }} falls behind. Check the pods' /readyz
              (`kubectl -n {{ $ns }} get pods -l app.kubernetes.io/name={{ include "hotline-lib.name" $ }}`),
              their logs ("infrastructure unavailable; will retry until it is back"), the database
              (Secret, server, connections: database.poolSize) and NATS.
        {{- end }}
        {{- end }}
        {{- with $r.outboxStalled }}
        {{- if .enabled }}
        - alert: HotlineOutboxStalled
          expr: |-
            (sum by (namespace, service) (increase(hl_outbox_publish_errors_total{ {{- $sel -}} }[{{ .window }}])) > 0)
            unless
            (sum by (namespace, service) (increase(hl_outbox_published_total{ {{- $sel -}} }[{{ .window }}])) > 0)
          for: {{ .for | quote }}
          labels:
            {{- toYaml (merge (dict "severity" .severity) $alertLabels $r.alertLabels) | nindent 12 }}
          annotations:
            summary: {{ printf "%s: the outbox cannot publish to NATS" $svc | quote }}
            description: >-
              {{ $svc }}'s outbox relay has failed to publish for {{ .for }} and published
              nothing: the events it committed wait in its outbox table (kept, published in order
              once NATS takes them again), and the services that consume them do not see them.
              Check NATS (servers up, JetStream quorum, stream limits, the URL and credentials in
              global.nats), the NetworkPolicy's natsPeers, and the pods' logs ("outbox relay
              cannot publish"); the outbox table's last_error holds the broker's answer.
        {{- end }}
        {{- end }}
        {{- with $r.timersFailed }}
        {{- if .enabled }}
        {{- $m := printf "hl_timers_total{%s, result=\"failed\"}" $sel }}
        - alert: HotlineTimersFailed
          expr: |-
            sum by (namespace, service, kind) (
              {{- include "hotline-lib.recentCount" (list $m .window $sel) | nindent 14 }}
            ) > {{ .threshold }}
          for: {{ .for | quote }}
          labels:
            {{- toYaml (merge (dict "severity" .severity) $alertLabels $r.alertLabels) | nindent 12 }}
          annotations:
            summary: {{ printf "%s: {{ $value | printf \"%%.0f\" }} timer(s) of kind {{ $labels.kind }} failed in the last %s" $svc .window | quote }}
            description: >-
              {{ $svc }}'s {{`{{ $labels.kind }}`}} timers gave up after their retries: what they
              were due to do (e.g. flag a work order overdue) did not happen. They are kept in
              {{ $svc }}'s database, table timers, with state 'failed' and the error in
              last_error; the pods' logs say "timer handler failed". Fix the cause, then set them
              back to pending (docs/deploy.md, "Alerts").
        {{- end }}
        {{- end }}
{{- end -}}
{{- end -}}
