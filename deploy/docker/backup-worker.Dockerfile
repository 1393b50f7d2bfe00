# Image of Arca's backup-worker (runs backup, restore, verify and delete jobs),
# built from the repository root after `./mvnw -B -DskipTests package`:
#   docker build -f deploy/docker/backup-worker.Dockerfile -t arca/backup-worker .
# Quarkus fast-jar layout: dependencies (lib/) change less often than the application (app/), so they get their
# own layers.
# A pinned release of the base (Ubuntu 24.04 "noble", Temurin JRE 21): rebuilding gets the same JRE; bump it on
# purpose. DockerfilesTest rejects a base without a version.
FROM eclipse-temurin:21.0.12_8-jre-noble

# curl: for the HEALTHCHECK below (installed here rather than assumed in the base image)
# pg_dump and psql: must be at least as new as the newest server backed up, so take the newest major from the
# PostgreSQL project's own repository (PGDG) rather than the base image's. The worker picks the newest
# /usr/lib/postgresql/<major>/bin by itself.
ARG PG_CLIENT_MAJOR=17
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl ca-certificates gnupg postgresql-common \
 && /usr/share/postgresql-common/pgdg/apt.postgresql.org.sh -y \
 && apt-get install -y --no-install-recommends "postgresql-client-${PG_CLIENT_MAJOR}" \
 && rm -rf /var/lib/apt/lists/* \
 && "/usr/lib/postgresql/${PG_CLIENT_MAJOR}/bin/pg_dump" --version
WORKDIR /deployments
# uid 185, as in Quarkus' own images; no login, no home outside /deployments
RUN useradd --system --uid 185 --gid 0 --home-dir /deployments --shell /usr/sbin/nologin arca

COPY --chown=185:0 backup-worker/target/quarkus-app/lib/ /deployments/lib/
COPY --chown=185:0 backup-worker/target/quarkus-app/*.jar /deployments/
COPY --chown=185:0 backup-worker/target/quarkus-app/app/ /deployments/app/
COPY --chown=185:0 backup-worker/target/quarkus-app/quarkus/ /deployments/quarkus/

USER 185
EXPOSE 8081
# Docker's health (docker-compose's depends_on waits for it; Kubernetes ignores it and uses the Deployment's probes):
# ready = the dependencies this service needs answer. Exec form: no shell needed.
HEALTHCHECK --interval=5s --timeout=3s --start-period=20s --retries=30 \
  CMD ["curl", "-fsS", "-o", "/dev/null", "http://localhost:8081/q/health/ready"]
# heap follows the container's memory limit; the throughput collector suits a heap that churns through
# chunk-sized arrays (see deploy/local/lib/services.sh and docs/benchmarks.md); override JAVA_OPTS to tune
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError -Djava.security.egd=file:/dev/./urandom" \
    QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=8081
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /deployments/quarkus-run.jar"]
