# kp-brev render API as a container image (docs/operations.md, "Container image").
#
#   docker build -t kp-brev .
#   docker run --read-only --tmpfs /tmp -p 8080:8080 -v /srv/kp-brev/templates:/templates:ro \
#     -e KP_BREV_CREDENTIALS="$(cat credentials.json)" kp-brev
#
# Two stages: the build stage compiles the TypeScript and keeps only the production
# dependencies; the run stage is the same Node image with the built application and the fonts
# the PDFs embed copied from the build stage, and nothing else: no compiler, no package manager
# run, no fonts installed from a package. It runs as the unprivileged user `node`, writes nothing
# (run it with a read-only root filesystem), takes every setting from KP_BREV_* variables, reads
# the template repository from the volume /templates, stops gracefully on SIGTERM (requests in
# flight are finished, KP_BREV_SHUTDOWN_GRACE_MS at most) and reports its health on /healthz.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Behind a TLS-inspecting proxy, or with a registry mirror whose certificate a private CA signed:
# give that CA as a build secret (--secret id=ca,src=ca.pem); npm ci trusts it, no layer keeps it.
RUN --mount=type=secret,id=ca \
    if [ -f /run/secrets/ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/ca; fi; \
    npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json tsconfig.web.json ./
COPY src ./src
COPY bin ./bin
COPY schemas ./schemas
COPY fonts ./fonts
# The build generates the schemas' validators (src/repository/schema-validators.generated.ts) with it.
COPY scripts/schema-validators.ts ./scripts/
RUN npm run build && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    KP_BREV_TEMPLATES=/templates \
    KP_BREV_HOST=0.0.0.0 \
    KP_BREV_PORT=8080
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/schemas ./schemas
COPY --from=build /app/fonts ./fonts
USER node
VOLUME ["/templates"]
EXPOSE 8080
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.KP_BREV_PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node itself is PID 1 and handles SIGTERM (src/server/server.ts): no shell in between.
ENTRYPOINT ["node", "bin/kp-brev.js"]
CMD ["serve"]
