{{/*
Everything a service chart renders, one document per resource. A service chart's templates are
one-line includes of these (see ../../intake/templates/), so the five charts cannot drift apart.
*/}}
{{- define "hotline-lib.all" -}}
{{- $docs := list
  (include "hotline-lib.serviceAccount" .)
  (include "hotline-lib.configmap" .)
  (include "hotline-lib.deployment" .)
  (include "hotline-lib.service" .)
  (include "hotline-lib.interconnectService" .)
  (include "hotline-lib.hpa" .)
  (include "hotline-lib.pdb" .)
  (include "hotline-lib.networkPolicy" .)
  (include "hotline-lib.ingress" .)
  (include "hotline-lib.migrationJob" .)
-}}
{{- range $docs }}
{{- if trim . }}
---
{{ . }}
{{- end }}
{{- end }}
{{- end -}}
