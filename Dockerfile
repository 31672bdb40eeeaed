# lede's service image. Meilisearch runs in its own container (see docker-compose.yml), so the
# bundled binary (an optional dependency) is left out.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=optional --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY scripts ./scripts
RUN npm run build && npm prune --omit=dev --omit=optional

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
