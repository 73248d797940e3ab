{{/*
Optional Ingress for the service's REST routes: its public routes (ingress.publicPaths) on
global.ingress.publicHost and its console routes (ingress.consolePaths) on
global.ingress.consoleHost. Every route still checks the bearer token; the Ingress only decides
which routes each host publishes. /healthz, /readyz and /metrics are never published.
*/}}
{{- define "hotline-lib.ingress" -}}
{{- $ing := .Values.global.ingress -}}
{{- $hosts := list -}}
{{- if and $ing.publicHost .Values.ingress.publicPaths -}}
{{- $hosts = append $hosts (dict "host" $ing.publicHost "paths" .Values.ingress.publicPaths "tls" $ing.publicTlsSecret) -}}
{{- end -}}
{{- if and $ing.consoleHost .Values.ingress.consolePaths -}}
{{- $hosts = append $hosts (dict "host" $ing.consoleHost "paths" .Values.ingress.consolePaths "tls" $ing.consoleTlsSecret) -}}
{{- end -}}
{{- if and $ing.enabled $hosts -}}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ include "hotline-lib.fullname" . }}
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "hotline-lib.labels" . | nindent 4 }}
  {{- with merge (dict) .Values.ingress.annotations $ing.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  {{- with $ing.className }}
  ingressClassName: {{ . | quote }}
  {{- end }}
  {{- $tls := list -}}
  {{- range $hosts }}
  {{- if .tls }}
  {{- $tls = append $tls . }}
  {{- end }}
  {{- end }}
  {{- with $tls }}
  tls:
    {{- range . }}
    - hosts: [{{ .host | quote }}]
      secretName: {{ .tls | quote }}
    {{- end }}
  {{- end }}
  rules:
    {{- range $hosts }}
    - host: {{ .host | quote }}
      http:
        paths:
          {{- range .paths }}
          - path: {{ . | quote }}
            pathType: Prefix
            backend:
              service:
                name: {{ include "hotline-lib.fullname" $ }}
                port:
                  name: http
          {{- end }}
    {{- end }}
{{- end -}}
{{- end -}}
