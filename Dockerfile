# syntax=docker/dockerfile:1
# One image recipe for every MediQ app:
#   docker build --build-arg APP=gateway -t mediq/gateway:0.1.0 .
#   APP = gateway | user | institution | patient-queue | ocr | ocr-engine | migrate
# `migrate` is the migration job's image (node scripts/migrate.js with every service's migrations).
# The gateway's image also carries the web clients it serves at `/`: web/dist, built in the builder
# stage (none of the web's packages reach the runtime stage: they are bundled into dist).
# The steps live in scripts/docker/app.js so test/deploy runs the very same commands without an engine.
# Debian (glibc), not Alpine: onnxruntime-node, sharp and argon2 ship glibc binaries.
ARG NODE_IMAGE=node:20.19.5-bookworm-slim

FROM ${NODE_IMAGE} AS base
ENV TURBO_TELEMETRY_DISABLED=1 \
    DO_NOT_TRACK=1 \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

# 1. Only the workspaces the app depends on (turbo prune), so unrelated changes keep the install cached.
FROM base AS pruner
ARG APP
WORKDIR /repo
COPY . .
RUN node scripts/docker/app.js prune "$APP" out

# 2. Install from the pruned lock, build the app and its packages (Prisma clients are generated
#    offline here), then keep production dependencies only.
FROM base AS builder
ARG APP
WORKDIR /repo
COPY --from=pruner /repo/out/json/ ./
RUN npm ci
COPY --from=pruner /repo/out/full/ ./
RUN node scripts/docker/app.js build "$APP"
RUN node scripts/docker/app.js bundle "$APP" bundle

# 3. Runtime: no compilers, no sources, files owned by root and read-only for the app's user, so the
#    container runs with a read-only root filesystem (only /tmp needs to be writable).
FROM ${NODE_IMAGE} AS runtime
ARG APP
LABEL org.opencontainers.image.title="mediq-${APP}" \
      org.opencontainers.image.source="MediQ monorepo"
ENV NODE_ENV=production \
    MEDIQ_APP=${APP} \
    NODE_OPTIONS=--enable-source-maps
WORKDIR /app
COPY --from=builder --chown=root:root /repo/bundle/ ./
WORKDIR /app/current
# The `node` user of the official image: uid/gid 1000, matching runAsUser in k8s/.
USER 1000:1000
EXPOSE 8601
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 CMD ["node", "/app/scripts/healthcheck.js", "ready"]
CMD ["node", "dist/main.js"]
