{{/* ClusterIP Service with the HTTP (REST, /healthz, /readyz, /metrics) and gRPC ports. */}}
{{- define "hotline-lib.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "hotline-lib.fullname" . }}
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "hotline-lib.labels" . | nindent 4 }}
    app.kubernetes.io/component: server
  {{- with .Values.service.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: ClusterIP
  selector:
    {{- include "hotline-lib.selectorLabels" . | nindent 4 }}
    app.kubernetes.io/component: server
  ports:
    - name: http
      port: {{ .Values.service.ports.http }}
      targetPort: http
      protocol: TCP
    - name: grpc
      port: {{ .Values.service.ports.grpc }}
      targetPort: grpc
      protocol: TCP
{{- end -}}

{{/*
The 110 police-platform interconnect: its own gRPC Service on its own port, mutual TLS
terminated by the service itself (the certificates are mounted from interconnect110.tlsSecret),
so whatever fronts this Service must pass TCP through, not terminate TLS.
*/}}
{{- define "hotline-lib.interconnectService" -}}
{{- with .Values.interconnect110 }}
{{- if .enabled }}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "hotline-lib.suffixedName" (list $ "interconnect-110") }}
  namespace: {{ $.Release.Namespace | quote }}
  labels:
    {{- include "hotline-lib.labels" $ | nindent 4 }}
    app.kubernetes.io/component: interconnect-110
  {{- with .service.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: {{ .service.type }}
  {{- if ne .service.type "ClusterIP" }}
  externalTrafficPolicy: {{ .service.externalTrafficPolicy }}
  {{- end }}
  {{- if and (eq .service.type "LoadBalancer") .service.loadBalancerSourceRanges }}
  loadBalancerSourceRanges:
    {{- toYaml .service.loadBalancerSourceRanges | nindent 4 }}
  {{- end }}
  selector:
    {{- include "hotline-lib.selectorLabels" $ | nindent 4 }}
    app.kubernetes.io/component: server
  ports:
    - name: grpc-mtls
      port: {{ .service.port }}
      targetPort: interconnect
      protocol: TCP
      {{- if and (eq .service.type "NodePort") .service.nodePort }}
      nodePort: {{ .service.nodePort }}
      {{- end }}
{{- end }}
{{- end }}
{{- end -}}
