# syntax=docker/dockerfile:1
# One image for both roles: `serve` (the default command) and `agent` (pass `agent --server … ` as the command).
#
#   docker build -t gpu-sentinel .
#   docker run -p 3055:3055 -v gpu-sentinel-data:/data gpu-sentinel                      # the server, SQLite in /data
#   docker run --gpus all -e GPU_SENTINEL_AGENT_KEY=gs_… -v gpu-sentinel-spool:/data \
#     gpu-sentinel agent --server http://sentinel.example:3055 --hostname "$(hostname)"   # an agent on a GPU host
#
# The agent reads the GPUs through `nvidia-smi`, which the NVIDIA Container Toolkit mounts into the container
# (with NVIDIA_VISIBLE_DEVICES=all and NVIDIA_DRIVER_CAPABILITIES=utility, or `--gpus all`): the image carries
# no driver and no nvidia-smi of its own.

# ---- build: compile every workspace (TypeScript and the dashboard) ----
FROM node:20-bookworm AS build
# better-sqlite3 builds from source when no prebuilt binary matches.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Manifests first, so the dependency layer is reused until package-lock.json changes.
COPY package.json package-lock.json .npmrc ./
COPY packages/protocol/package.json packages/protocol/
COPY packages/core/package.json packages/core/
COPY packages/collector/package.json packages/collector/
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY bench/package.json bench/
COPY e2e/package.json e2e/
# --ignore-scripts skips the root `prepare` (the build), which needs the sources copied below;
# better-sqlite3 is the one dependency with an install script.
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3
COPY . .
RUN npm run build

# ---- production-deps: the server's runtime dependencies only (no dashboard sources, no tool chain) ----
FROM node:20-bookworm AS production-deps
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY packages/protocol/package.json packages/protocol/
COPY packages/core/package.json packages/core/
COPY packages/collector/package.json packages/collector/
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY bench/package.json bench/
COPY e2e/package.json e2e/
# `--workspace` limits the install to the server and the packages it imports (no React, no Playwright).
RUN npm ci --omit=dev --ignore-scripts --workspace @gpu-sentinel/server && npm rebuild better-sqlite3

# ---- runtime ----
FROM node:20-bookworm-slim AS runtime
# Where the NVIDIA Container Toolkit gives this container GPUs (an agent), it needs nvidia-smi only, not CUDA.
# NVIDIA_VISIBLE_DEVICES is left to the deployment, so a server container never asks for GPUs.
ENV NODE_ENV=production NVIDIA_DRIVER_CAPABILITIES=utility
# An agent spools into the volume, not into /app (read-only for the user).
ENV GPU_SENTINEL_SPOOL_DIR=/data/spool
WORKDIR /app
RUN groupadd --system --gid 10001 gpu-sentinel \
  && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home --shell /usr/sbin/nologin gpu-sentinel \
  && mkdir -p /data \
  && chown 10001:10001 /data
# node_modules/@gpu-sentinel/* are links to the workspace folders below; the app files stay owned by root (read-only).
COPY --from=production-deps /app/node_modules ./node_modules
COPY --from=build /src/package.json ./
COPY --from=build /src/packages/protocol/package.json packages/protocol/
COPY --from=build /src/packages/protocol/dist packages/protocol/dist
COPY --from=build /src/packages/core/package.json packages/core/
COPY --from=build /src/packages/core/dist packages/core/dist
COPY --from=build /src/packages/collector/package.json packages/collector/
COPY --from=build /src/packages/collector/dist packages/collector/dist
COPY --from=build /src/apps/server/package.json apps/server/
COPY --from=build /src/apps/server/dist apps/server/dist
# The server finds the dashboard at ../../../web/dist from apps/server/dist/http.
COPY --from=build /src/apps/web/dist apps/web/dist
USER 10001:10001
# The server's SQLite database and, without GPU_SENTINEL_SECRET, its generated secret.key; an agent's spool.
VOLUME ["/data"]
EXPOSE 3055
# No curl in the slim image: node asks /healthz. Only `serve` listens, so any other command (an agent) counts as healthy.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "const args = require('fs').readFileSync('/proc/1/cmdline', 'utf8').split(String.fromCharCode(0)); if (!args.includes('serve')) process.exit(0); fetch('http://127.0.0.1:' + (process.env.GPU_SENTINEL_PORT || '3055') + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1));"]
ENTRYPOINT ["node", "apps/server/dist/main.js"]
CMD ["serve", "--data-dir", "/data"]
