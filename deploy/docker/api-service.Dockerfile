# Image of Arca's api-service (the HTTP API; migrates the catalog schema at start-up),
# built from the repository root after `./mvnw -B -DskipTests package`:
#   docker build -f deploy/docker/api-service.Dockerfile -t arca/api-service .
# Quarkus fast-jar layout: dependencies (lib/) change less often than the application (app/), so they get their
# own layers.
FROM eclipse-temurin:21-jre

# curl: for the container health check in docker-compose.yml
# pg_restore: sql downloads convert a backup's schema sections to SQL with it (arca-export); as new as the worker's
# pg_dump that wrote them, so the same major from the PostgreSQL project's repository (PGDG).
ARG PG_CLIENT_MAJOR=17
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl ca-certificates gnupg postgresql-common \
 && /usr/share/postgresql-common/pgdg/apt.postgresql.org.sh -y \
 && apt-get install -y --no-install-recommends "postgresql-client-${PG_CLIENT_MAJOR}" \
 && rm -rf /var/lib/apt/lists/* \
 && "/usr/lib/postgresql/${PG_CLIENT_MAJOR}/bin/pg_restore" --version
WORKDIR /deployments
# uid 185, as in Quarkus' own images; no login, no home outside /deployments
RUN useradd --system --uid 185 --gid 0 --home-dir /deployments --shell /usr/sbin/nologin arca

COPY --chown=185:0 api-service/target/quarkus-app/lib/ /deployments/lib/
COPY --chown=185:0 api-service/target/quarkus-app/*.jar /deployments/
COPY --chown=185:0 api-service/target/quarkus-app/app/ /deployments/app/
COPY --chown=185:0 api-service/target/quarkus-app/quarkus/ /deployments/quarkus/

USER 185
EXPOSE 8080
# heap follows the container's memory limit; override JAVA_OPTS to tune
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.security.egd=file:/dev/./urandom" \
    QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=8080
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /deployments/quarkus-run.jar"]
