package io.ridematch.city;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * Ctrl-C and SIGTERM, handled by the program instead of the JVM's shutdown: the first asks the running command to
 * stop where it is (it then prints its summary and writes its report with what was reached); a second, or a stop
 * that takes longer than {@link #GRACE}, exits at once. Shutdown hooks cannot do this: once the JVM shuts down it
 * ignores further signals, and a hook that waits on the main thread is itself a wait without an owner.
 */
public final class Interrupts {

    /** How long a stop may take (last step, the producer's drain, undeploy, broker shutdown) before the exit. */
    static final Duration GRACE = Duration.ofSeconds(45);

    private static final AtomicInteger received = new AtomicInteger();
    private static final AtomicReference<Runnable> onStop = new AtomicReference<>(() -> { });
    private static volatile int exitCode;

    private Interrupts() {
    }

    /** Takes over SIGINT and SIGTERM for this process; {@code Main.main} calls it, tests that run commands do not. */
    public static void install() {
        for (String name : List.of("INT", "TERM")) {
            Signal.handle(new Signal(name), signal -> received(signal.getName(), 128 + signal.getNumber()));
        }
    }

    /**
     * What a stop request does now: {@code action} runs on the first signal, or at once when one already came
     * (a signal during start-up stops the city as soon as it exists).
     */
    public static void onStop(Runnable action) {
        onStop.set(action);
        if (requested()) {
            action.run();
        }
    }

    /** Whether Ctrl-C or SIGTERM asked this process to stop. */
    public static boolean requested() {
        return received.get() > 0;
    }

    /** 130 after Ctrl-C, 143 after SIGTERM, 0 when no signal came: a stopped run is told from a finished one. */
    public static int exitCode() {
        return exitCode;
    }

    private static void received(String signal, int code) {
        if (received.incrementAndGet() > 1) {
            System.err.println("ridematch: stopped at once (second " + signal + ")");
            Runtime.getRuntime().halt(code);
        }
        exitCode = code;
        System.err.println();
        System.err.println("ridematch: stopping where the run is (SIG" + signal + "); press Ctrl-C again to exit at once");
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(GRACE.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("ridematch: did not stop within " + GRACE.toSeconds() + " s; exiting without it");
            Runtime.getRuntime().halt(code);
        }, "ridematch-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        onStop.get().run();
    }
}
