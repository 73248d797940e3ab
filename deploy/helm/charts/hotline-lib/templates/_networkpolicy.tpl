{{/*
Only what the service must reach, and only who must reach it. It selects the service's server
and migration pods (both need DNS and the database).

Egress: DNS; its own PostgreSQL; NATS; the OTLP collector when tracing is on; the identity
provider's JWKS endpoint in jwks mode. A peer list left empty means "any address, on that port
only" (a managed database or an external identity provider has no pod selector); name peers
(ipBlock, namespaceSelector, podSelector) to narrow it. The services call no other service
directly: they exchange events through NATS.

Ingress: the HTTP port from the ingress controller (when an Ingress is rendered), from
monitoring (/metrics) and from in-cluster API clients; the gRPC port from in-cluster API
clients; the 110 interconnect port from interconnect110.allowedSources. Kubelet probes are not
subject to NetworkPolicy.
*/}}
{{- define "hotline-lib.networkPolicy" -}}
{{- $np := .Values.global.networkPolicy -}}
{{- if $np.enabled -}}
{{- $g := .Values.global -}}
{{- $databasePeers := .Values.networkPolicy.databasePeers | default $np.databasePeers -}}
{{- if and (not $databasePeers) $g.database.cnpgClusterPrefix (not .Values.database.existingSecret) -}}
{{- $databasePeers = list (dict "podSelector" (dict "matchLabels" (dict "cnpg.io/cluster" (printf "%s-%s" $g.database.cnpgClusterPrefix .Chart.Name)))) -}}
{{- end -}}
{{- $httpPeers := concat $np.monitoringPeers $np.apiClientPeers -}}
{{- if and $g.ingress.enabled (or .Values.ingress.publicPaths .Values.ingress.consolePaths) -}}
{{- $httpPeers = concat $np.ingressControllerPeers $httpPeers -}}
{{- end -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "hotline-lib.fullname" . }}
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "hotline-lib.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "hotline-lib.selectorLabels" . | nindent 6 }}
  policyTypes:
    - Ingress
    - Egress
  ingress:
    {{- if $httpPeers }}
    - ports:
        - port: {{ .Values.containerPorts.http }}
          protocol: TCP
      from:
        {{- toYaml $httpPeers | nindent 8 }}
    {{- end }}
    {{- if $np.apiClientPeers }}
    - ports:
        - port: {{ .Values.containerPorts.grpc }}
          protocol: TCP
      from:
        {{- toYaml $np.apiClientPeers | nindent 8 }}
    {{- end }}
    {{- with .Values.interconnect110 }}
    {{- if .enabled }}
    - ports:
        - port: {{ .containerPort }}
          protocol: TCP
      {{- with .allowedSources }}
      from:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    {{- end }}
    {{- end }}
    {{- with .Values.networkPolicy.extraIngress }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  egress:
    - ports:
        - port: 53
          protocol: UDP
        - port: 53
          protocol: TCP
      {{- with $np.dnsPeers }}
      to:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    - ports:
        - port: {{ $np.databasePort }}
          protocol: TCP
      {{- with $databasePeers }}
      to:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    - ports:
        - port: {{ include "hotline-lib.urlPort" $g.nats.url }}
          protocol: TCP
      {{- with $np.natsPeers }}
      to:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    {{- with $g.otlp.endpoint }}
    - ports:
        - port: {{ include "hotline-lib.urlPort" . }}
          protocol: TCP
      {{- with $np.otlpPeers }}
      to:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    {{- end }}
    {{- if eq $g.auth.mode "jwks" }}
    - ports:
        - port: {{ include "hotline-lib.urlPort" $g.auth.jwksUrl }}
          protocol: TCP
      {{- with $np.jwksPeers }}
      to:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    {{- end }}
    {{- with .Values.networkPolicy.extraEgress }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- end -}}
{{- end -}}
