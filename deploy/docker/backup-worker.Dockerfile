# Image of Arca's backup-worker (runs backup, restore, verify and delete jobs),
# built from the repository root after `./mvnw -B -DskipTests package`:
#   docker build -f deploy/docker/backup-worker.Dockerfile -t arca/backup-worker .
# Quarkus fast-jar layout (packaged as aot-jar: the same directories, every jar on the JVM's class path, so the
# ahead-of-time cache below can hold the worker's classes): dependencies (lib/) change less often than the
# application (app/), so they get their own layers.
# A pinned release of the base (Ubuntu 24.04 "noble", Temurin JRE 25): rebuilding gets the same JRE; bump it on
# purpose. DockerfilesTest rejects a base without a version. JRE 25 rather than the other images' 21: the worker
# starts from an ahead-of-time cache (JEP 483/514/515) made below; on a 21 base the same steps make a class-data
# sharing archive instead (deploy/docker/jvm-warm.sh).
FROM eclipse-temurin:25.0.3_9-jre-noble

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
# uid 185, as in Quarkus' own images; no login, no home outside /deployments; aot/ is the training run's (below)
RUN useradd --system --uid 185 --gid 0 --home-dir /deployments --shell /usr/sbin/nologin arca \
 && install -d -o 185 -g 0 /deployments/aot

COPY --chown=185:0 backup-worker/target/quarkus-app/lib/ /deployments/lib/
COPY --chown=185:0 backup-worker/target/quarkus-app/*.jar /deployments/
COPY --chown=185:0 backup-worker/target/quarkus-app/app/ /deployments/app/
COPY --chown=185:0 backup-worker/target/quarkus-app/quarkus/ /deployments/quarkus/
COPY --chown=185:0 deploy/docker/jvm-warm.sh deploy/docker/worker-training.sh /deployments/bin/

USER 185
# heap follows the container's memory limit; the throughput collector suits a heap that churns through
# chunk-sized arrays (see deploy/local/lib/services.sh and docs/benchmarks.md); override JAVA_OPTS to tune
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError -Djava.security.egd=file:/dev/./urandom"
# Training run: start the worker once, with the JAVA_OPTS above, and keep the JVM's cache of its start-up in
# /deployments/aot (docs/operations.md, "Warm workers"). Same jar path as the ENTRYPOINT: the cache is only valid for
# the class path it was made with. A failed training leaves the image starting cold, never broken.
RUN /deployments/bin/worker-training.sh /deployments/aot /deployments/quarkus-run.jar
EXPOSE 8081
# Docker's health (docker-compose's depends_on waits for it; Kubernetes ignores it and uses the Deployment's probes):
# ready = the dependencies this service needs answer. Exec form: no shell needed.
HEALTHCHECK --interval=5s --timeout=3s --start-period=20s --retries=30 \
  CMD ["curl", "-fsS", "-o", "/dev/null", "http://localhost:8081/q/health/ready"]
ENV QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=8081
# jvm.opts: the options that use the cache (empty when training made none); a cache the JVM finds stale or damaged
# is reported on stderr and ignored
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS $(cat /deployments/aot/jvm.opts 2>/dev/null) -jar /deployments/quarkus-run.jar"]
