package io.ridematch.chain;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each service of the chain listens, as a service registry would say: each endpoint registers its port
 * once it listens, and a caller looks it up at every call, so the services can start in any order.
 */
public final class ServiceDirectory {

    public static final String RIDES = "ride";
    public static final String MATCHING = "matching";
    public static final String TRIPS = "trips";
    public static final String PAYMENT = "payment";
    public static final String NOTIFICATIONS = "notifications";

    private final Map<String, Integer> ports = new ConcurrentHashMap<>();

    void register(String service, int port) {
        ports.put(service, port);
    }

    /** The service's port, or -1 while it does not listen. */
    public int portOf(String service) {
        return ports.getOrDefault(service, -1);
    }
}
