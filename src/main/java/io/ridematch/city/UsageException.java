package io.ridematch.city;

/** A wrong flag, value or file: the command prints the message as one line and exits with code 2. */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message, null, false, false);
    }
}
