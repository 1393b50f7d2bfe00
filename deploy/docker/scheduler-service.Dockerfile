# Image of Arca's scheduler-service (schedules, retention, orphan re-queueing),
# built from the repository root after `./mvnw -B -DskipTests package`:
#   docker build -f deploy/docker/scheduler-service.Dockerfile -t arca/scheduler-service .
# Quarkus fast-jar layout: dependencies (lib/) change less often than the application (app/), so they get their
# own layers.
# A pinned release of the base (Ubuntu 24.04 "noble", Temurin JRE 21): rebuilding gets the same JRE; bump it on
# purpose. DockerfilesTest rejects a base without a version.
FROM eclipse-temurin:21.0.12_8-jre-noble

# curl: for the HEALTHCHECK below (installed here rather than assumed in the base image)
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /deployments
# uid 185, as in Quarkus' own images; no login, no home outside /deployments
RUN useradd --system --uid 185 --gid 0 --home-dir /deployments --shell /usr/sbin/nologin arca

COPY --chown=185:0 scheduler-service/target/quarkus-app/lib/ /deployments/lib/
COPY --chown=185:0 scheduler-service/target/quarkus-app/*.jar /deployments/
COPY --chown=185:0 scheduler-service/target/quarkus-app/app/ /deployments/app/
COPY --chown=185:0 scheduler-service/target/quarkus-app/quarkus/ /deployments/quarkus/

USER 185
EXPOSE 8082
# Docker's health (docker-compose's depends_on waits for it; Kubernetes ignores it and uses the Deployment's probes):
# ready = the dependencies this service needs answer. Exec form: no shell needed.
HEALTHCHECK --interval=5s --timeout=3s --start-period=20s --retries=30 \
  CMD ["curl", "-fsS", "-o", "/dev/null", "http://localhost:8082/q/health/ready"]
# heap follows the container's memory limit; override JAVA_OPTS to tune
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.security.egd=file:/dev/./urandom" \
    QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=8082
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /deployments/quarkus-run.jar"]
