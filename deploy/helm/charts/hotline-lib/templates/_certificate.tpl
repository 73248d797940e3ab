{{/*
The cert-manager Certificate of this service's gRPC mutual TLS (global.grpcTls.certManager):
server and client use in one, named spiffe://hotline/<service> (the identity the other
services read from a client certificate, GRPC_SERVICE_PEERS) and by the DNS names of its
Service. cert-manager writes it, with the issuer's CA as ca.crt, to the Secret the Deployment
mounts, and renews it there; the service reads the renewed files without a restart.
*/}}
{{- define "hotline-lib.grpcCertificate" -}}
{{- $tls := .Values.global.grpcTls -}}
{{- if and $tls.enabled $tls.certManager.enabled -}}
{{- $fullname := include "hotline-lib.fullname" . -}}
apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: {{ include "hotline-lib.suffixedName" (list . "grpc") }}
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "hotline-lib.labels" . | nindent 4 }}
spec:
  secretName: {{ include "hotline-lib.grpcTlsSecretName" . | quote }}
  commonName: {{ .Chart.Name | quote }}
  uris:
    - {{ printf "spiffe://hotline/%s" .Chart.Name | quote }}
  dnsNames:
    - {{ $fullname | quote }}
    - {{ printf "%s.%s" $fullname .Release.Namespace | quote }}
    - {{ printf "%s.%s.svc" $fullname .Release.Namespace | quote }}
    - {{ printf "%s.%s.svc.cluster.local" $fullname .Release.Namespace | quote }}
  duration: {{ $tls.certManager.duration | quote }}
  renewBefore: {{ $tls.certManager.renewBefore | quote }}
  privateKey:
    algorithm: ECDSA
    size: 256
    rotationPolicy: Always
  usages:
    - digital signature
    - server auth
    - client auth
  issuerRef:
    name: {{ $tls.certManager.issuerRef.name | quote }}
    kind: {{ $tls.certManager.issuerRef.kind | quote }}
    group: {{ $tls.certManager.issuerRef.group | quote }}
{{- end -}}
{{- end -}}
