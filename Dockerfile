# Beside in a container (issue 20): one process on a SQLite file in the volume /data, or one of several processes
# on PostgreSQL and Redis (compose.yaml; README, "Several processes", "With Docker").
#
# No Docker engine runs on the machines Beside is developed and tested on: this file is checked by
# deploy/compose.test.ts, which reads it, not by building it.

# Build: every dependency, since Remix's compiler is a dev dependency. better-sqlite3 is compiled from source when no
# prebuilt binary fits, hence Python, make and a C++ compiler. Same base as the runtime, so the compiled module loads
# there.
FROM node:20-bookworm-slim AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The production build (build/, public/build/), then the dev dependencies go: `npm start` needs only the others
# (tsx, which runs server/ and app/ from their TypeScript, is one of them).
RUN npm run build \
    && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
# HOST 0.0.0.0: reachable from outside the container (a load balancer, a published port). The SQLite file, and the
# backups `npm run backup` writes beside it, live in the volume; DATABASE_URL replaces it with PostgreSQL.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_FILE=/data/beside.db
WORKDIR /app
COPY --from=build /app ./
# `npm start` first checks that the build is newer than its sources (scripts/ensure-build.mjs) and rebuilds if not,
# which this image can't (no compiler, no write access): the build is stamped again here, against the files as
# this stage has them, so the check passes. The code stays root's and read-only; the node user (uid 1000) owns
# only /data.
RUN node scripts/ensure-build.mjs --stamp \
    && mkdir -p /data \
    && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
# The container's health is liveness (/livez): does the process run and answer. Not readiness (/healthz, which
# answers 503 while PostgreSQL or Redis is away): whatever acts on an unhealthy container (Swarm, a restarter)
# would restart every process at once during an outage of what they all share, dropping every phone for nothing,
# which is why deploy/haproxy.cfg checks /livez too. Beside listens only once its database is migrated and Redis
# connected, so a first healthy check also means the process was ready when it started (compose's depends_on).
# /healthz is for people and monitors. Node's own fetch: this image has no curl.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/livez`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The command of `npm start` (package.json), with exec so that node, not a shell, gets SIGTERM and stops cleanly.
CMD ["sh", "-c", "node scripts/ensure-build.mjs && exec node --import tsx server/index.ts"]
