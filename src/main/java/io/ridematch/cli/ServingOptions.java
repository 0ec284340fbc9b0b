package io.ridematch.cli;

import io.ridematch.city.Architecture;
import io.ridematch.city.UsageException;
import io.ridematch.platform.core.payment.PaymentFaults;
import io.ridematch.web.LiveMapSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of a process that runs the platform: dispatch, the HTTP API and the live map. */
final class ServingOptions {

    @Option(names = "--matcher", paramLabel = "NAME", defaultValue = "${env:RIDEMATCH_MATCHER}",
            description = "Dispatch algorithm: greedy (nearest free driver, oldest rider first) or batched "
                    + "(each batch window's riders paired with free drivers: the most served, at the least total "
                    + "pickup distance). Env RIDEMATCH_MATCHER. Default: the scenario's.")
    String matcher;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "${env:RIDEMATCH_HTTP_PORT:-8080}",
            description = "Port of the HTTP API (0 picks a free one). Env RIDEMATCH_HTTP_PORT. Default: ${DEFAULT-VALUE}.")
    int httpPort = 8080;

    @Option(names = "--map-rate", paramLabel = "HZ", defaultValue = "${env:RIDEMATCH_MAP_RATE:-5}",
            description = "Frames per second the live map sends each viewer, above 0 and at most 60. "
                    + "Env RIDEMATCH_MAP_RATE. Default: ${DEFAULT-VALUE}.")
    double mapRate = 5;

    @Option(names = "--map-viewers", paramLabel = "N", defaultValue = "${env:RIDEMATCH_MAP_VIEWERS:-16}",
            description = "Live map viewers served at once; one more is turned away. Env RIDEMATCH_MAP_VIEWERS. "
                    + "Default: ${DEFAULT-VALUE}.")
    int mapViewers = 16;

    @Option(names = "--map-tiles", paramLabel = "URL|none", defaultValue = "${env:RIDEMATCH_MAP_TILES:-"
            + LiveMapSettings.OPENSTREETMAP + "}",
            description = "Tile URL template of the live map, or none for a plain background (the page also falls "
                    + "back to it when the tiles cannot be reached). Env RIDEMATCH_MAP_TILES. "
                    + "Default: OpenStreetMap.")
    String mapTiles = LiveMapSettings.OPENSTREETMAP;

    @Option(names = "--api-token", paramLabel = "TOKEN", defaultValue = "${env:RIDEMATCH_API_TOKEN}",
            description = "Ride requests and cancels over HTTP need 'Authorization: Bearer TOKEN' (reads and the live "
                    + "map stay open). Env RIDEMATCH_API_TOKEN. Default: none needed.")
    String apiToken;

    @Option(names = "--api-rate", paramLabel = "N", defaultValue = "${env:RIDEMATCH_API_RATE:-20}",
            description = "Ride requests and cancels one client address may make per second (bursts of twice that), "
                    + "then 429. Env RIDEMATCH_API_RATE. Default: ${DEFAULT-VALUE}.")
    int apiRate = 20;

    @Option(names = "--architecture", paramLabel = "events|sync", defaultValue = "${env:RIDEMATCH_ARCHITECTURE:-events}",
            description = "How the platform's services talk: events (the platform), or sync, each service behind an "
                    + "HTTP endpoint calling the next with timeouts and retries (simulate --no-kafka only). "
                    + "Env RIDEMATCH_ARCHITECTURE. Default: ${DEFAULT-VALUE}.")
    String architecture = "events";

    /** The architecture named; a one-line problem for another name. */
    Architecture architecture() {
        try {
            return Architecture.named(architecture);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--architecture: " + e.getMessage());
        }
    }

    @Mixin
    FaultOptions faults = new FaultOptions();

    /** The scenario's payment faults with these options' overrides; throws a one-line problem. */
    PaymentFaults paymentFaults(PaymentFaults scenario) {
        return faults.paymentFaults(scenario);
    }

    /** Null when the options are usable, else the one-line problem. */
    String problem() {
        if (httpPort < 0 || httpPort > 65_535) {
            return "--http-port must be between 0 and 65535, was " + httpPort;
        }
        return null;
    }
}
