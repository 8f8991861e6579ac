# The bot for a province: Postgres (DATABASE_URL=postgresql://…), webhook or long polling.
# Two stages: the first compiles better-sqlite3 and builds dist/; the second carries only
# what runs (npm ci --omit=dev), as the unprivileged "node" user.
FROM node:20-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY scripts ./scripts
COPY src ./src
RUN npm ci --omit=dev

FROM node:20-slim
ENV NODE_ENV=production DATA_DIR=/var/lib/cchc HEALTH_PORT=9464
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/src/generated ./src/generated
COPY package.json prisma.config.ts ./
COPY bin ./bin
COPY prisma ./prisma
COPY locales ./locales
COPY examples ./examples
RUN mkdir -p /var/lib/cchc && chown node:node /var/lib/cchc
USER node
EXPOSE 8443 9464
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+process.env.HEALTH_PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "bin/start.js"]
