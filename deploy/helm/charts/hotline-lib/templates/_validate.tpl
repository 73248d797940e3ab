{{/*
Rules across values that values.schema.json cannot say; collected, then failed in one message
(the bitnami convention) so an operator sees every problem at once. Included by the Deployment.
*/}}
{{- define "hotline-lib.validate" -}}
{{- $svc := .Chart.Name -}}
{{- $messages := list -}}
{{- $auth := .Values.global.auth -}}
{{- if and (eq $auth.mode "jwks") (not $auth.jwksUrl) -}}
{{- $messages = append $messages (printf "%s: global.auth.jwksUrl is required when global.auth.mode is \"jwks\" (the identity provider's JWKS endpoint, https://…)" $svc) -}}
{{- end -}}
{{- /* A JWKS signs for every relying party of the provider: only iss and aud say a token is the hotline's (ADR 0015). */ -}}
{{- range $claim := list "issuer" "audience" -}}
{{- if and (eq $auth.mode "jwks") (not (index $auth $claim)) -}}
{{- $messages = append $messages (printf "%s: global.auth.%s is required when global.auth.mode is \"jwks\" (services refuse tokens whose %s they cannot check)" $svc $claim (ternary "iss" "aud" (eq $claim "issuer"))) -}}
{{- end -}}
{{- end -}}
{{- if and .Values.autoscaling.enabled (gt (int .Values.autoscaling.minReplicas) (int .Values.autoscaling.maxReplicas)) -}}
{{- $messages = append $messages (printf "%s: autoscaling.minReplicas (%d) is greater than autoscaling.maxReplicas (%d)" $svc (int .Values.autoscaling.minReplicas) (int .Values.autoscaling.maxReplicas)) -}}
{{- end -}}
{{- if and .Values.global.ingress.enabled (not .Values.global.ingress.publicHost) (not .Values.global.ingress.consoleHost) -}}
{{- $messages = append $messages (printf "%s: global.ingress.enabled needs global.ingress.publicHost or global.ingress.consoleHost" $svc) -}}
{{- end -}}
{{- with .Values.piiMasterKey -}}
{{- if not .existingSecret -}}
{{- $messages = append $messages (printf "%s: piiMasterKey.existingSecret is required (the Secret whose key %q holds PII_MASTER_KEY, base64 of 32 random bytes from `openssl rand -base64 32`; %s exits without it)" $svc .key $svc) -}}
{{- end -}}
{{- end -}}
{{- with .Values.interconnect110 -}}
{{- if and .enabled (not .tlsSecret) -}}
{{- $messages = append $messages (printf "%s: interconnect110.enabled needs interconnect110.tlsSecret (a Secret with tls.crt, tls.key and ca.crt for mutual TLS)" $svc) -}}
{{- end -}}
{{- if and .enabled (eq (int .containerPort) (int $.Values.containerPorts.http)) -}}
{{- $messages = append $messages (printf "%s: interconnect110.containerPort must differ from containerPorts.http" $svc) -}}
{{- end -}}
{{- if and .enabled (eq (int .containerPort) (int $.Values.containerPorts.grpc)) -}}
{{- $messages = append $messages (printf "%s: interconnect110.containerPort must differ from containerPorts.grpc" $svc) -}}
{{- end -}}
{{- end -}}
{{- $tls := .Values.global.grpcTls -}}
{{- if and $tls.certManager.enabled (not $tls.enabled) -}}
{{- $messages = append $messages (printf "%s: global.grpcTls.certManager.enabled needs global.grpcTls.enabled (the Certificates are for gRPC mutual TLS)" $svc) -}}
{{- end -}}
{{- if and $tls.enabled $tls.certManager.enabled (not $tls.certManager.issuerRef.name) -}}
{{- $messages = append $messages (printf "%s: global.grpcTls.certManager.issuerRef.name is required (the Issuer or ClusterIssuer of the hotline's CA)" $svc) -}}
{{- end -}}
{{- if and .Values.grpcTls.servicePeers (not $tls.enabled) -}}
{{- $messages = append $messages (printf "%s: grpcTls.servicePeers needs global.grpcTls.enabled (service identities come from client certificates)" $svc) -}}
{{- end -}}
{{- if eq (int .Values.containerPorts.http) (int .Values.containerPorts.grpc) -}}
{{- $messages = append $messages (printf "%s: containerPorts.http and containerPorts.grpc must differ" $svc) -}}
{{- end -}}
{{- if $messages -}}
{{- printf "\nVALUES VALIDATION:\n  %s" (join "\n  " $messages) | fail -}}
{{- end -}}
{{- end -}}
