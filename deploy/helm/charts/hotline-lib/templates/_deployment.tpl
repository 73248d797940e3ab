{{/*
The service Deployment. The container runs the image's own command (tini, then
`node --enable-source-maps dist/services/<name>/src/main.js`, the command tools/local/start.mjs
runs), so there is no second way to start a service. Liveness is /healthz (the process serves),
readiness /readyz (its database and NATS answer); a startup probe covers the time the service
spends connecting, checking row-level security and provisioning its JetStream streams before
its HTTP port opens. With global.grpcTls.enabled the service's gRPC certificate, key and CA
are mounted from Secrets (its own, written by its cert-manager Certificate or created
beforehand; the CA optionally from a Secret of its own) and read again when they change.
*/}}
{{- define "hotline-lib.deployment" -}}
{{- include "hotline-lib.validate" . -}}
{{- $g := .Values.global -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "hotline-lib.fullname" . }}
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "hotline-lib.labels" . | nindent 4 }}
    app.kubernetes.io/component: server
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 0
  selector:
    matchLabels:
      {{- include "hotline-lib.selectorLabels" . | nindent 6 }}
      app.kubernetes.io/component: server
  template:
    metadata:
      labels:
        {{- include "hotline-lib.labels" . | nindent 8 }}
        app.kubernetes.io/component: server
        {{- with .Values.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        checksum/config: {{ include "hotline-lib.configData" . | sha256sum }}
        {{- if .Values.metrics.podAnnotations }}
        prometheus.io/scrape: "true"
        prometheus.io/port: {{ .Values.containerPorts.http | quote }}
        prometheus.io/path: /metrics
        {{- end }}
        {{- with .Values.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "hotline-lib.serviceAccountName" . }}
      automountServiceAccountToken: false
      enableServiceLinks: false
      {{- with .Values.global.image.pullSecrets }}
      imagePullSecrets:
        {{- range . }}
        - name: {{ . | quote }}
        {{- end }}
      {{- end }}
      securityContext:
        {{- include "hotline-lib.podSecurityContext" . | nindent 8 }}
      terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}
      {{- with .Values.priorityClassName }}
      priorityClassName: {{ . | quote }}
      {{- end }}
      {{- if .Values.topologySpreadConstraints }}
      topologySpreadConstraints:
        {{- toYaml .Values.topologySpreadConstraints | nindent 8 }}
      {{- else }}
      topologySpreadConstraints:
        {{- range list "kubernetes.io/hostname" "topology.kubernetes.io/zone" }}
        - maxSkew: 1
          topologyKey: {{ . }}
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              {{- include "hotline-lib.selectorLabels" $ | nindent 14 }}
              app.kubernetes.io/component: server
        {{- end }}
      {{- end }}
      {{- with .Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .Chart.Name }}
          image: {{ include "hotline-lib.image" . | quote }}
          imagePullPolicy: {{ include "hotline-lib.pullPolicy" . }}
          ports:
            - name: http
              containerPort: {{ .Values.containerPorts.http }}
              protocol: TCP
            - name: grpc
              containerPort: {{ .Values.containerPorts.grpc }}
              protocol: TCP
            {{- with .Values.interconnect110 }}
            {{- if .enabled }}
            - name: interconnect
              containerPort: {{ .containerPort }}
              protocol: TCP
            {{- end }}
            {{- end }}
          envFrom:
            - configMapRef:
                name: {{ include "hotline-lib.fullname" . }}
          env:
            - name: DATABASE_URL
              valueFrom:
                secretKeyRef:
                  name: {{ include "hotline-lib.databaseSecretName" . | quote }}
                  key: {{ include "hotline-lib.databaseSecretKey" . | quote }}
            {{- if $g.nats.existingSecret }}
            - name: NATS_URL
              valueFrom:
                secretKeyRef:
                  name: {{ $g.nats.existingSecret | quote }}
                  key: {{ $g.nats.urlKey | quote }}
            {{- end }}
            {{- if eq $g.auth.mode "local" }}
            - name: AUTH_LOCAL_SECRET
              valueFrom:
                secretKeyRef:
                  name: {{ include "hotline-lib.authSecretName" . | quote }}
                  key: {{ $g.auth.localSecretKey | quote }}
            {{- end }}
            {{- include "hotline-lib.piiEnv" . | nindent 12 }}
            {{- with .Values.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          startupProbe:
            httpGet:
              path: /healthz
              port: http
            periodSeconds: {{ .Values.startupProbe.periodSeconds }}
            timeoutSeconds: {{ .Values.startupProbe.timeoutSeconds }}
            failureThreshold: {{ .Values.startupProbe.failureThreshold }}
          livenessProbe:
            httpGet:
              path: /healthz
              port: http
            periodSeconds: {{ .Values.livenessProbe.periodSeconds }}
            timeoutSeconds: {{ .Values.livenessProbe.timeoutSeconds }}
            failureThreshold: {{ .Values.livenessProbe.failureThreshold }}
          readinessProbe:
            httpGet:
              path: /readyz
              port: http
            periodSeconds: {{ .Values.readinessProbe.periodSeconds }}
            timeoutSeconds: {{ .Values.readinessProbe.timeoutSeconds }}
            failureThreshold: {{ .Values.readinessProbe.failureThreshold }}
          {{- if gt (int .Values.preStopSleepSeconds) 0 }}
          lifecycle:
            preStop:
              exec:
                command: ["sleep", {{ .Values.preStopSleepSeconds | quote }}]
          {{- end }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
          securityContext:
            {{- include "hotline-lib.containerSecurityContext" . | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- if $g.grpcTls.enabled }}
            - name: grpc-tls
              mountPath: {{ $g.grpcTls.mountPath | quote }}
              readOnly: true
            {{- end }}
            {{- with .Values.interconnect110 }}
            {{- if .enabled }}
            - name: interconnect-110-tls
              mountPath: {{ .mountPath | quote }}
              readOnly: true
            {{- end }}
            {{- end }}
      volumes:
        {{- include "hotline-lib.tmpVolume" . | nindent 8 }}
        {{- if $g.grpcTls.enabled }}
        - name: grpc-tls
          projected:
            defaultMode: 0440
            sources:
              - secret:
                  name: {{ include "hotline-lib.grpcTlsSecretName" . | quote }}
                  items:
                    - key: tls.crt
                      path: tls.crt
                    - key: tls.key
                      path: tls.key
                    {{- if not $g.grpcTls.caSecret }}
                    - key: ca.crt
                      path: ca.crt
                    {{- end }}
              {{- with $g.grpcTls.caSecret }}
              - secret:
                  name: {{ . | quote }}
                  items:
                    - key: {{ $g.grpcTls.caKey | quote }}
                      path: ca.crt
              {{- end }}
        {{- end }}
        {{- with .Values.interconnect110 }}
        {{- if .enabled }}
        - name: interconnect-110-tls
          secret:
            secretName: {{ .tlsSecret | quote }}
            defaultMode: 0440
            items:
              - key: tls.crt
                path: tls.crt
              - key: tls.key
                path: tls.key
              - key: ca.crt
                path: ca.crt
        {{- end }}
        {{- end }}
{{- end -}}

{{/*
PII_MASTER_KEY and its optional companions (PII_KEY_VERSION, PII_RETIRED_KEYS) from the
service's Secret: intake and handling (their charts alone have piiMasterKey). Their migration
Jobs need them too: handling's migration 1764300003100 and intake's encrypt stored free text.
*/}}
{{- define "hotline-lib.piiEnv" -}}
{{- with .Values.piiMasterKey }}
- name: PII_MASTER_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret | quote }}
      key: {{ .key | quote }}
{{- /* Optional keys of the same Secret: a key rotation changes only the Secret. */}}
- name: PII_KEY_VERSION
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret | quote }}
      key: {{ .versionKey | quote }}
      optional: true
- name: PII_RETIRED_KEYS
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret | quote }}
      key: {{ .retiredKeysKey | quote }}
      optional: true
{{- end }}
{{- end -}}
