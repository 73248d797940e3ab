#!/usr/bin/env bash
# Vendors the chart dependencies, all of them in this tree (file://): the hotline-lib library
# chart into every chart that uses it, then the five service charts into the umbrella chart.
# Needs no network. Run it before `helm install` / `helm lint` / `helm template` from source,
# and again after editing a chart that another one vendors.
#
#   deploy/helm/dependencies.sh [CHARTS_DIR] [--package OUT_DIR]
#
# HELM names the helm binary (default: helm). With --package, also writes hotline-<version>.tgz
# and hotline-postgres-<version>.tgz into OUT_DIR, ready to copy into an air-gapped cluster.
set -euo pipefail
HELM=${HELM:-helm}
charts=$(cd "$(dirname "$0")/charts" && pwd)
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --package) out=$2; shift 2 ;;
    *) charts=$(cd "$1" && pwd); shift ;;
  esac
done

# Every chart that has dependencies, the umbrella chart last: it vendors the service charts, each
# of which must hold its own vendored hotline-lib by then.
for dir in "$charts"/*/; do
  chart=$(basename "$dir")
  if [ "$chart" != hotline ] && [ -f "$charts/$chart/Chart.yaml" ] && grep -q '^dependencies:' "$charts/$chart/Chart.yaml"; then
    "$HELM" dependency update --skip-refresh "$charts/$chart" >/dev/null
  fi
done
"$HELM" dependency update --skip-refresh "$charts/hotline" >/dev/null
if [ -n "$out" ]; then
  mkdir -p "$out"
  "$HELM" package "$charts/hotline" "$charts/hotline-postgres" --destination "$out"
fi
