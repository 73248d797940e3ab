{{/*
The service's non-secret environment (libs/platform/src/config/config.ts reads it). Optional
variables are left out when empty: the services treat a present-but-empty OTLP endpoint or
issuer as a value, not as "unset". Secrets (DATABASE_URL, AUTH_LOCAL_SECRET, a NATS URL with
credentials, the PII keys of intake and handling) come from secretKeyRef in the Deployment,
never from here; the gRPC certificate files are a mounted Secret, only their paths are here.
*/}}
{{- define "hotline-lib.configData" -}}
{{- $g := .Values.global -}}
SERVICE_NAME: {{ .Chart.Name | quote }}
OTEL_SERVICE_NAME: {{ .Chart.Name | quote }}
HTTP_HOST: "0.0.0.0"
HTTP_PORT: {{ .Values.containerPorts.http | quote }}
GRPC_PORT: {{ .Values.containerPorts.grpc | quote }}
DATABASE_POOL_SIZE: {{ .Values.database.poolSize | quote }}
{{- if not $g.nats.existingSecret }}
NATS_URL: {{ $g.nats.url | quote }}
{{- end }}
{{- with $g.eventNamespace }}
EVENT_NAMESPACE: {{ . | quote }}
{{- end }}
STREAM_REPLICAS: {{ $g.streams.replicas | quote }}
STREAM_MAX_AGE_DAYS: {{ $g.streams.maxAgeDays | quote }}
AUTH_MODE: {{ $g.auth.mode | quote }}
{{- if eq $g.auth.mode "jwks" }}
AUTH_JWKS_URL: {{ $g.auth.jwksUrl | quote }}
{{- end }}
{{- with $g.auth.issuer }}
AUTH_ISSUER: {{ . | quote }}
{{- end }}
{{- with $g.auth.audience }}
AUTH_AUDIENCE: {{ . | quote }}
{{- end }}
LOG_LEVEL: {{ .Values.logLevel | default $g.logLevel | quote }}
{{- with $g.otlp.endpoint }}
OTEL_EXPORTER_OTLP_ENDPOINT: {{ . | quote }}
{{- end }}
OUTBOX_POLL_MS: {{ .Values.outboxPollMs | quote }}
TIMER_POLL_MS: {{ .Values.timerPollMs | quote }}
RATE_LIMIT_PER_MINUTE: {{ .Values.rateLimitPerMinute | quote }}
{{- with .Values.nodeOptions }}
NODE_OPTIONS: {{ . | quote }}
{{- end }}
{{- if $g.grpcTls.enabled }}
{{- $dir := trimSuffix "/" $g.grpcTls.mountPath }}
GRPC_TLS_CA_FILE: {{ printf "%s/ca.crt" $dir | quote }}
GRPC_TLS_CERT_FILE: {{ printf "%s/tls.crt" $dir | quote }}
GRPC_TLS_KEY_FILE: {{ printf "%s/tls.key" $dir | quote }}
{{- with .Values.grpcTls.servicePeers }}
GRPC_SERVICE_PEERS: {{ . | quote }}
{{- end }}
{{- end }}
{{- with .Values.interconnect110 }}
{{- if .enabled }}
INTERCONNECT_110_GRPC_PORT: {{ .containerPort | quote }}
INTERCONNECT_110_TLS_CERT_FILE: {{ printf "%s/tls.crt" (trimSuffix "/" .mountPath) | quote }}
INTERCONNECT_110_TLS_KEY_FILE: {{ printf "%s/tls.key" (trimSuffix "/" .mountPath) | quote }}
INTERCONNECT_110_TLS_CA_FILE: {{ printf "%s/ca.crt" (trimSuffix "/" .mountPath) | quote }}
LINKAGE_PEERS: {{ toJson .peers | quote }}
LINKAGE_DECISION_TIMEOUT_SECONDS: {{ .decisionTimeoutSeconds | quote }}
{{- end }}
{{- end }}
{{- range $name, $value := .Values.extraConfig }}
{{ $name }}: {{ $value | toString | quote }}
{{- end }}
{{- end -}}

{{- define "hotline-lib.configmap" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "hotline-lib.fullname" . }}
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "hotline-lib.labels" . | nindent 4 }}
data:
  {{- include "hotline-lib.configData" . | nindent 2 }}
{{- end -}}
