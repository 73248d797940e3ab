{{/*
Names, labels, image and secret references shared by the five service charts. Every template
here is called with the service chart's root context, so `.Chart.Name` is the service's name
(intake, dispatch, handling, revisit, analytics): it names the entry points in the image
(dist/services/<name>/src/{main,migrate}.js), the CloudNativePG cluster and the OTel service.
*/}}

{{- define "hotline-lib.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "hotline-lib.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* A name derived from the fullname with a suffix, still at most 63 characters. */}}
{{- define "hotline-lib.suffixedName" -}}
{{- $ctx := index . 0 -}}
{{- $suffix := index . 1 -}}
{{- printf "%s-%s" (include "hotline-lib.fullname" $ctx | trunc (int (sub 62 (len $suffix))) | trimSuffix "-") $suffix -}}
{{- end -}}

{{- define "hotline-lib.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "hotline-lib.selectorLabels" -}}
app.kubernetes.io/name: {{ include "hotline-lib.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "hotline-lib.labels" -}}
helm.sh/chart: {{ include "hotline-lib.chart" . }}
{{ include "hotline-lib.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: hotline
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "hotline-lib.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "hotline-lib.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* registry/repository:tag, or @digest when one is pinned. The tag defaults to the chart's appVersion. */}}
{{- define "hotline-lib.image" -}}
{{- $registry := .Values.global.image.registry -}}
{{- $repository := .Values.image.repository -}}
{{- $ref := ternary $repository (printf "%s/%s" (trimSuffix "/" $registry) $repository) (empty $registry) -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" $ref .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" $ref (.Values.image.tag | default .Values.global.image.tag | default .Chart.AppVersion) -}}
{{- end -}}
{{- end -}}

{{- define "hotline-lib.pullPolicy" -}}
{{- .Values.image.pullPolicy | default .Values.global.image.pullPolicy -}}
{{- end -}}

{{/*
The Secret that holds this service's connection URL: database.existingSecret, else the
CloudNativePG application secret (<prefix>-<service>-app, key "uri") when
global.database.cnpgClusterPrefix is set, else "<fullname>-database" (key DATABASE_URL).
*/}}
{{- define "hotline-lib.databaseSecretName" -}}
{{- if .Values.database.existingSecret -}}
{{- .Values.database.existingSecret -}}
{{- else if .Values.global.database.cnpgClusterPrefix -}}
{{- printf "%s-%s-app" .Values.global.database.cnpgClusterPrefix .Chart.Name -}}
{{- else -}}
{{- include "hotline-lib.suffixedName" (list . "database") -}}
{{- end -}}
{{- end -}}

{{- define "hotline-lib.databaseSecretKey" -}}
{{- if .Values.database.urlKey -}}
{{- .Values.database.urlKey -}}
{{- else if and (not .Values.database.existingSecret) .Values.global.database.cnpgClusterPrefix -}}
uri
{{- else -}}
DATABASE_URL
{{- end -}}
{{- end -}}

{{/* The Secret with this service's gRPC certificate: grpcTls.existingSecret, else the one its Certificate writes. */}}
{{- define "hotline-lib.grpcTlsSecretName" -}}
{{- .Values.grpcTls.existingSecret | default (include "hotline-lib.suffixedName" (list . "grpc-tls")) -}}
{{- end -}}

{{- define "hotline-lib.authSecretName" -}}
{{- .Values.global.auth.existingSecret | default (printf "%s-auth" .Release.Name) -}}
{{- end -}}

{{/* The port of a URL: explicit, else the scheme's default (nats/tls 4222, https 443, http 80). */}}
{{- define "hotline-lib.urlPort" -}}
{{- $u := urlParse . -}}
{{- $port := regexFind ":[0-9]+$" $u.host | trimPrefix ":" -}}
{{- if $port -}}{{ $port }}
{{- else if eq $u.scheme "https" -}}443
{{- else if eq $u.scheme "http" -}}80
{{- else -}}4222
{{- end -}}
{{- end -}}

{{/* Restricted pod and container security contexts (Pod Security Standards "restricted"). */}}
{{- define "hotline-lib.podSecurityContext" -}}
runAsNonRoot: true
{{- with .Values.securityContext.runAsUser }}
runAsUser: {{ . }}
{{- end }}
{{- with .Values.securityContext.runAsGroup }}
runAsGroup: {{ . }}
{{- end }}
{{- with .Values.securityContext.fsGroup }}
fsGroup: {{ . }}
{{- end }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "hotline-lib.containerSecurityContext" -}}
runAsNonRoot: true
allowPrivilegeEscalation: false
privileged: false
readOnlyRootFilesystem: true
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* The writable scratch directory a read-only root filesystem still needs (os.tmpdir()). */}}
{{- define "hotline-lib.tmpVolume" -}}
- name: tmp
  emptyDir:
    medium: Memory
    sizeLimit: {{ .Values.tmpSizeLimit | quote }}
{{- end -}}
