package io.ridematch.contract;

/** Which half of the system a process runs. */
public enum Role {
    /** Everything in one process: platform services, simulator, clock, HTTP API. */
    SIMULATE,
    /** The platform services and the HTTP API; riders and drivers arrive through Kafka. */
    PLATFORM,
    /** Riders and drivers only; the platform answers through Kafka. */
    SIMULATOR
}
