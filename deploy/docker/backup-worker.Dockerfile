# Image of Arca's backup-worker (runs backup, restore, verify and delete jobs),
# built from the repository root after `./mvnw -B -DskipTests package`:
#   docker build -f deploy/docker/backup-worker.Dockerfile -t arca/backup-worker .
# Quarkus fast-jar layout: dependencies (lib/) change less often than the application (app/), so they get their
# own layers.
FROM eclipse-temurin:21-jre

# curl: for the container health check in docker-compose.yml
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
# heap follows the container's memory limit; the throughput collector suits a heap that churns through
# chunk-sized arrays (see deploy/local/lib/services.sh and docs/benchmarks.md); override JAVA_OPTS to tune
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError -Djava.security.egd=file:/dev/./urandom" \
    QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=8081
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /deployments/quarkus-run.jar"]
