# lede's service image. Meilisearch runs in its own container (see docker-compose.yml), so the
# bundled binary (an optional dependency) is left out.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=optional --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY scripts ./scripts
COPY resources ./resources
RUN npm run build \
 # Derive the gazetteer cache once, while node_modules is writable (the image runs as user node).
 && node -e "import('./dist/ingest/entities/index.js').then((m) => m.loadEntityResources())" \
 && npm prune --omit=dev --omit=optional

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/public ./public
COPY package.json ./
COPY bin ./bin
COPY resources ./resources
COPY seeds ./seeds
USER node
EXPOSE 3000
ENTRYPOINT ["node", "bin/lede.js"]
CMD ["serve"]
