package io.ridematch.city;

/** Something around the program is wrong (a port taken, no broker, a full disk): one line, exit code 1. */
public final class EnvironmentProblem extends RuntimeException {

    public EnvironmentProblem(String message) {
        super(message, null, false, false);
    }
}
