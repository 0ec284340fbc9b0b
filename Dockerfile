# Multi-stage: Maven builds the jar, a JRE image runs it as a non-root user.
FROM maven:3.9.9-eclipse-temurin-21 AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
COPY simulator ./simulator
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:21.0.5_11-jre
RUN useradd --system --create-home --uid 10001 ridematch
WORKDIR /home/ridematch
COPY --from=build /build/target/ridematch.jar /app/ridematch.jar
USER ridematch
EXPOSE 8080
# a 50 ms pause goal for G1, as ./ridematch runs it (scripts/jdk.sh says why)
ENTRYPOINT ["java", "-XX:MaxGCPauseMillis=50", "-jar", "/app/ridematch.jar"]
