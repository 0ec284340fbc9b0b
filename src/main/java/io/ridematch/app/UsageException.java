package io.ridematch.app;

/** A wrong flag, value or file: the command prints the message as one line and exits with code 2. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message, null, false, false);
    }
}
