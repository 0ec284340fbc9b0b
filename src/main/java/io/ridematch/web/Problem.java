package io.ridematch.web;

/** An RFC 9457 problem body: what went wrong, for a person and for a program. */
public record Problem(String type, String title, int status, String detail) {

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail);
    }
}
