package io.ridematch.bus;

import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.DriverOffer;
import io.ridematch.contract.DriverOffer.RideOffered;
import io.ridematch.contract.RideCommand;
import io.ridematch.contract.RideEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The services' only door to the event bus: publish events, send ride commands, subscribe. It counts every
 * delivery in {@link InFlight}, so the simulation clock can tell when the city has settled.
 */
public final class DomainBus {

    private final Vertx vertx;
    private final EventBus eventBus;
    private final InFlight inFlight;
    private final LongestHandler longestHandler;
    private final Map<String, AtomicInteger> subscribers;
    /** Set once the services on this door must stop acting ({@link #retire}); never for the process's own bus. */
    private final AtomicBoolean retired = new AtomicBoolean();
    private final List<MessageConsumer<?>> responders = new CopyOnWriteArrayList<>();
    private final List<Runnable> onRetire = new CopyOnWriteArrayList<>();

    private DomainBus(Vertx vertx) {
        this(vertx, new InFlight(), new LongestHandler(), new ConcurrentHashMap<>());
    }

    private DomainBus(Vertx vertx, InFlight inFlight, LongestHandler longestHandler,
                      Map<String, AtomicInteger> subscribers) {
        this.vertx = vertx;
        this.eventBus = vertx.eventBus();
        this.inFlight = inFlight;
        this.longestHandler = longestHandler;
        this.subscribers = subscribers;
    }

    /**
     * Another door onto the same bus, for services that may have to stop at once (a platform's deciding services
     * when Kafka takes their zones away): see {@link #retire}.
     */
    public DomainBus retirable() {
        return new DomainBus(vertx, inFlight, longestHandler, subscribers);
    }

    /**
     * From now on the services on this door act on nothing: their subscriptions stay (every delivery already
     * counted is still released, so the clock never waits for a delivery nobody takes) but call no handler, their
     * responders are gone (requests go to the services that replaced them), and what they publish or send is
     * dropped.
     */
    public void retire() {
        retired.set(true);
        responders.forEach(MessageConsumer::unregister);
        responders.clear();
        onRetire.forEach(Runnable::run);
        onRetire.clear();
    }

    /**
     * Runs {@code hook} when this door is retired (never, for the process's own bus): a service lets go of what
     * the services replacing it take up, its meters say.
     */
    public void onRetire(Runnable hook) {
        onRetire.add(hook);
    }

    /** Registers the record codec on {@code vertx} and returns the process's bus. Call once per Vertx. */
    public static DomainBus install(Vertx vertx) {
        vertx.eventBus().registerCodec(new LocalCodec());
        vertx.eventBus().codecSelector(body -> body instanceof Record ? LocalCodec.NAME : null);
        return new DomainBus(vertx);
    }

    public InFlight inFlight() {
        return inFlight;
    }

    /** The longest any subscriber's handler ran, on every door of this process's bus. */
    public LongestHandler.Seen longestHandler() {
        return longestHandler.longest();
    }

    public static String addressOf(DomainEvent event) {
        return event instanceof RideEvent ? Addresses.RIDE_EVENTS : Addresses.DRIVER_EVENTS;
    }

    public void publish(DomainEvent event) {
        publishBody(addressOf(event), event);
    }

    /**
     * Publishes {@code events} in order, {@value #TURN} to an event-loop turn, then runs {@code after} in the
     * turn of the last ones: a step that brings thousands of drivers at once (a city's first minute) does not hold
     * its loop for the whole of them. The clock's barrier counts the turns still to come as in flight. Each run of
     * events of one address within a turn travels as one message ({@link Batch}), which every subscriber's handler
     * takes in one event at a time, in order: a city's location reports cost one delivery per subscriber and turn,
     * not one per report.
     */
    public void publishInTurns(List<? extends DomainEvent> events, Runnable after) {
        if (events.size() <= TURN) {
            publishBatched(events);
            after.run();
            return;
        }
        inFlight.begin(1);
        publishFrom(vertx.getOrCreateContext(), events, 0, after);
    }

    private void publishFrom(Context context, List<? extends DomainEvent> events, int from,
                             Runnable after) {
        int to = Math.min(events.size(), from + TURN);
        publishBatched(events.subList(from, to));
        if (to < events.size()) {
            context.runOnContext(v -> publishFrom(context, events, to, after));
        } else {
            after.run();
            inFlight.end();
        }
    }

    /** How many events {@link #publishInTurns} publishes in one event-loop turn. */
    public static final int TURN = 250;

    /** Each run of events bound for one address as one message, a lone event as itself. */
    private void publishBatched(List<? extends DomainEvent> events) {
        int from = 0;
        while (from < events.size()) {
            String address = addressOf(events.get(from));
            int to = from + 1;
            while (to < events.size() && addressOf(events.get(to)).equals(address)) {
                to++;
            }
            if (to - from == 1) {
                publish(events.get(from));
            } else {
                publishBody(address, new Batch(List.copyOf(events.subList(from, to))));
            }
            from = to;
        }
    }

    /**
     * Messages of one address travelling as one ({@link #publishInTurns}, {@link Turns}); {@link #subscribe}'s
     * handlers see each message, never the batch.
     */
    record Batch(List<?> messages) {
    }

    /** An offer to the drivers' apps, an answer to the matching service. */
    public static String addressOf(DriverOffer message) {
        return message instanceof RideOffered ? Addresses.RIDE_OFFERS : Addresses.OFFER_ANSWERS;
    }

    public void publish(DriverOffer message) {
        publishBody(addressOf(message), message);
    }

    /** Publishes a record (a clock signal, say) to every subscriber of {@code address}. */
    public void publish(String address, Record message) {
        publishBody(address, message);
    }

    private void publishBody(String address, Object message) {
        int count = subscriberCount(address);
        if (count > 0 && !retired.get()) {
            inFlight.begin(count);
            eventBus.publish(address, message);
        }
    }

    /**
     * Publishes an event that came from outside the process (the Kafka bridge) and completes, on the caller's
     * context, once every local subscriber has handled it: only then may its offset be committed.
     */
    public Future<Void> publishAndTrack(DomainEvent event) {
        return track(addressOf(event), event);
    }

    /** As {@link #publishAndTrack(DomainEvent)}, for an offer or an answer from another process. */
    public Future<Void> publishAndTrack(DriverOffer message) {
        return track(addressOf(message), message);
    }

    /** As {@link #publishAndTrack(DomainEvent)}, for any record on any address. */
    public Future<Void> publishAndTrack(String address, Record message) {
        return track(address, message);
    }

    private Future<Void> track(String address, Object message) {
        int count = subscriberCount(address);
        if (count == 0) {
            return Future.succeededFuture();
        }
        var context = vertx.getOrCreateContext();
        Promise<Void> handled = Promise.promise();
        inFlight.begin(count);
        eventBus.publish(address, new Tracked(message, new AtomicInteger(count),
                () -> context.runOnContext(v -> handled.complete())));
        return handled.future();
    }

    /**
     * Deliveries from outside the process made on the calling context (the Kafka bridge's: the records of one
     * poll come in one event-loop turn): what is handed over in one turn goes out at the turn's end as one tracked
     * message per address, each message's future completing once every local subscriber handled its batch. Each
     * address keeps the order its messages were handed in; between addresses there is none, as there is none
     * between Kafka's topics and partitions. The turn's deliveries count as in flight from the first one handed.
     */
    public Turns turns() {
        return new Turns(vertx.getOrCreateContext());
    }

    /** See {@link #turns()}; used on its own context only. */
    public final class Turns {
        private final Context context;
        private final Map<String, Pending> pending = new LinkedHashMap<>();

        private Turns(Context context) {
            this.context = context;
        }

        /** As {@link DomainBus#publishAndTrack(DomainEvent)}, at the end of this turn with the rest of it. */
        public Future<Void> publishAndTrack(DomainEvent event) {
            return add(addressOf(event), event);
        }

        /** As {@link DomainBus#publishAndTrack(DriverOffer)}, at the end of this turn with the rest of it. */
        public Future<Void> publishAndTrack(DriverOffer message) {
            return add(addressOf(message), message);
        }

        /** As {@link DomainBus#publishAndTrack(String, Record)}, at the end of this turn with the rest of it. */
        public Future<Void> publishAndTrack(String address, Record message) {
            return add(address, message);
        }

        private Future<Void> add(String address, Object message) {
            if (pending.isEmpty()) {
                inFlight.begin(1);
                context.runOnContext(v -> flush());
            }
            Pending batch = pending.computeIfAbsent(address, a -> new Pending());
            batch.messages.add(message);
            return batch.handled.future();
        }

        private void flush() {
            List<Map.Entry<String, Pending>> due = new ArrayList<>(pending.entrySet());
            pending.clear();
            for (Map.Entry<String, Pending> batch : due) {
                List<Object> messages = batch.getValue().messages;
                Future<Void> handled = messages.size() == 1 ? track(batch.getKey(), messages.getFirst())
                        : track(batch.getKey(), new Batch(messages));
                handled.onComplete(batch.getValue().handled);
            }
            inFlight.end();
        }
    }

    private static final class Pending {
        final List<Object> messages = new ArrayList<>();
        final Promise<Void> handled = Promise.promise();
    }

    /** An event whose last local handler calls {@code whenHandled}. */
    private record Tracked(Object event, AtomicInteger remaining, Runnable whenHandled) {
        void handledOnce() {
            if (remaining.decrementAndGet() == 0) {
                whenHandled.run();
            }
        }
    }

    /**
     * Sends a command to the ride service. The delivery stays counted until the caller's own continuation on
     * the returned future has run, so what the caller does with the reply is part of the same settled step.
     */
    public Future<CommandAccepted> send(RideCommand command) {
        if (retired.get()) {
            return Future.failedFuture(new Refusal(Refusal.Kind.NOT_YET, "this service was retired"));
        }
        var context = vertx.getOrCreateContext();
        inFlight.begin(1);
        return eventBus.<CommandAccepted>request(Addresses.RIDE_COMMANDS, command)
                .map(reply -> reply.body())
                .andThen(done -> context.runOnContext(v -> inFlight.end()));
    }

    /**
     * A call to another service outside the bus (an HTTP request of the synchronous chain), counted as a delivery:
     * the clock's step waits for it, and for the caller's continuation on the returned future, as for a command.
     */
    public <T> Future<T> counted(Supplier<Future<T>> call) {
        var context = vertx.getOrCreateContext();
        inFlight.begin(1);
        Future<T> answer;
        try {
            answer = call.get();
        } catch (RuntimeException e) {
            inFlight.end();
            throw e;
        }
        return answer.andThen(done -> context.runOnContext(v -> inFlight.end()));
    }

    /**
     * A handler inside a {@link #counted} call that waits on wall time (a slow provider, a slow service) lets
     * the step go on meanwhile, as the world does not stop for a slow call, and counts again once the wait is
     * over. A caller that gave up meanwhile has ended its count, so the books still balance.
     */
    public <T> Future<T> outsideTheStep(Supplier<Future<T>> wait) {
        inFlight.end();
        return wait.get().andThen(done -> inFlight.begin(1));
    }

    /** Calls {@code watcher} with every ride command this process sends, as it leaves: for measuring, not acting. */
    public void watchCommands(Consumer<RideCommand> watcher) {
        eventBus.addOutboundInterceptor(delivery -> {
            if (delivery.body() instanceof RideCommand command) {
                watcher.accept(command);
            }
            delivery.next();
        });
    }

    /**
     * Asks a read-side question (a key, or a record such as a ride query); not counted, since answering changes
     * nothing.
     */
    public <R> Future<R> query(String address, Object question) {
        return eventBus.<R>request(address, question).map(reply -> reply.body());
    }

    /** Subscribes a handler; completes when the registration is in place. A batch's messages come one by one. */
    @SuppressWarnings("unchecked")
    public <T> Future<Void> subscribe(String address, Consumer<T> handler) {
        MessageConsumer<Object> consumer = eventBus.consumer(address, message -> {
            Object body = message.body();
            long started = System.nanoTime();
            try {
                Object payload = body instanceof Tracked tracked ? tracked.event() : body;
                if (retired.get()) {
                    return;
                }
                if (payload instanceof Batch batch) {
                    handleEach(batch, (Consumer<Object>) handler);
                } else {
                    handler.accept((T) payload);
                }
            } finally {
                if (body instanceof Tracked tracked) {
                    tracked.handledOnce();
                }
                longestHandler.handled(address, System.nanoTime() - started);
                inFlight.end();
            }
        });
        subscribers.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
        return consumer.completion();
    }

    /** A batch's messages in order; one that fails its handler fails as a lone one would, after the rest. */
    private static void handleEach(Batch batch, Consumer<Object> handler) {
        RuntimeException first = null;
        for (Object message : batch.messages()) {
            try {
                handler.accept(message);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Answers requests on {@code address} with the handler's result. A {@link Refusal} becomes a failed reply
     * with its kind's code and its reason; any other exception a failure of code {@link #FAILED}.
     */
    public <T, R extends Record> Future<Void> respond(String address, Function<T, R> handler) {
        return respondLater(address, (T request) -> Future.succeededFuture(handler.apply(request)));
    }

    /** As {@link #respond}, with an answer that comes later: the synchronous chain answers once its calls did. */
    public <T, R extends Record> Future<Void> respondLater(String address, Function<T, Future<R>> handler) {
        MessageConsumer<T> consumer = eventBus.consumer(address, message -> {
            Future<R> answer;
            try {
                answer = handler.apply(message.body());
            } catch (RuntimeException e) {
                answer = Future.failedFuture(e);
            }
            answer.onComplete(done -> {
                if (done.succeeded()) {
                    message.reply(done.result(), new DeliveryOptions());
                } else if (done.cause() instanceof Refusal refusal) {
                    message.fail(refusal.kind().code, refusal.getMessage());
                } else {
                    message.fail(FAILED, String.valueOf(done.cause().getMessage()));
                }
            });
        });
        responders.add(consumer);
        return consumer.completion();
    }

    private int subscriberCount(String address) {
        AtomicInteger count = subscribers.get(address);
        return count == null ? 0 : count.get();
    }

    /** The failure code of a reply whose responder threw something other than a {@link Refusal}. */
    public static final int FAILED = -1;

    /** A request the responder will not carry out, and why, in the domain's words (the web layer picks a status). */
    public static final class Refusal extends RuntimeException {

        public enum Kind {
            /** No ride or driver with that id. */
            UNKNOWN(1),
            /** The ride's lifecycle does not allow it now. */
            ILLEGAL(2),
            /** The answer is not there yet (a read model still being rebuilt): ask again later. */
            NOT_YET(3);

            /** The reply's failure code on the bus. */
            public final int code;

            Kind(int code) {
                this.code = code;
            }

            /** The kind of a failed reply's code; null for a failure that was not a refusal. */
            public static Kind ofCode(int code) {
                for (Kind kind : values()) {
                    if (kind.code == code) {
                        return kind;
                    }
                }
                return null;
            }
        }

        private final Kind kind;

        public Refusal(Kind kind, String reason) {
            super(reason, null, false, false);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }
}
