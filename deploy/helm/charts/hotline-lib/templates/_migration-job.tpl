{{/*
The migration Job: a pre-install/pre-upgrade hook running the image's migrate entry point,
`node dist/services/<name>/src/migrate.js` (the command tools/local/start.mjs runs before it
starts a service). It applies pending migrations under a PostgreSQL advisory lock and exits 0;
Helm waits for it and stops the install or upgrade when it fails, so new pods never start on
an old schema (they would refuse to: a service checks for pending migrations at startup).

Hooks run before the release's own resources exist, so the Job references only what is already
there: the database Secret (and for intake and handling the PII key Secret, whose key their
migrations need to encrypt stored free text) and the image. It uses the namespace's default ServiceAccount (no
token mounted) unless migrations.serviceAccountName names one that exists beforehand.
*/}}
{{- define "hotline-lib.migrationJob" -}}
{{- if .Values.migrations.enabled -}}
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ include "hotline-lib.suffixedName" (list . "migrate") }}
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "hotline-lib.labels" . | nindent 4 }}
    app.kubernetes.io/component: migrate
  annotations:
    helm.sh/hook: pre-install,pre-upgrade
    helm.sh/hook-weight: {{ .Values.migrations.hookWeight | quote }}
    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
spec:
  backoffLimit: {{ .Values.migrations.backoffLimit }}
  activeDeadlineSeconds: {{ .Values.migrations.activeDeadlineSeconds }}
  template:
    metadata:
      labels:
        {{- include "hotline-lib.labels" . | nindent 8 }}
        app.kubernetes.io/component: migrate
    spec:
      restartPolicy: Never
      {{- with .Values.migrations.serviceAccountName }}
      serviceAccountName: {{ . | quote }}
      {{- end }}
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
      {{- with .Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: migrate
          image: {{ include "hotline-lib.image" . | quote }}
          imagePullPolicy: {{ include "hotline-lib.pullPolicy" . }}
          args: ["node", "dist/services/{{ .Chart.Name }}/src/migrate.js"]
          env:
            - name: DATABASE_URL
              valueFrom:
                secretKeyRef:
                  name: {{ include "hotline-lib.databaseSecretName" . | quote }}
                  key: {{ include "hotline-lib.databaseSecretKey" . | quote }}
            {{- include "hotline-lib.piiEnv" . | nindent 12 }}
          resources:
            {{- toYaml .Values.migrations.resources | nindent 12 }}
          securityContext:
            {{- include "hotline-lib.containerSecurityContext" . | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        {{- include "hotline-lib.tmpVolume" . | nindent 8 }}
{{- end -}}
{{- end -}}
