{{- define "hotline-console.fullname" -}}
{{- printf "%s" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "hotline-console.labels" -}}
app.kubernetes.io/name: hotline-console
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "hotline-console.selector" -}}
app.kubernetes.io/name: hotline-console
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* The same policy tools/local/console-server.mjs sends (CONSOLE_CSP). */}}
{{- define "hotline-console.csp" -}}
default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'{{ with .Values.oidc.issuer }} {{ . }}{{ end }}; frame-ancestors 'none'; base-uri 'self'; form-action 'self'{{ with .Values.oidc.issuer }} {{ . }}{{ end }}
{{- end -}}
