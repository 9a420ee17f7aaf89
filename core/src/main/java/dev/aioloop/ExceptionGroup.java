package dev.aioloop;

import java.util.List;

/**
 * Several failures raised together: Python's {@code ExceptionGroup}, as a {@link TaskGroup} raises
 * it when its children (or its body) failed. Every failure is reachable, in the order they happened:
 * in {@link #exceptions()}, and as the group's suppressed exceptions so that a stack trace shows them.
 *
 * <pre>{@code
 * try {
 *     taskGroup(g -> { g.createTask(a()); g.createTask(b()); });
 * } catch (ExceptionGroup eg) {
 *     for (Throwable e : eg.exceptions()) log(e);
 * }
 * }</pre>
 */
public final class ExceptionGroup extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // List.copyOf gives a serializable list
    private final List<Throwable> exceptions;

    /**
     * A group of {@code exceptions}, none null and at least one.
     *
     * @throws IllegalArgumentException if the list is empty
     */
    public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
        super(message + " (" + requireList(exceptions).size() + " sub-exception" + (exceptions.size() == 1 ? ")" : "s)"));
        if (exceptions.isEmpty()) {
            throw new IllegalArgumentException("An ExceptionGroup needs at least one exception");
        }
        this.exceptions = List.copyOf(exceptions);
        for (Throwable e : this.exceptions) {
            addSuppressed(e);
        }
    }

    private static List<? extends Throwable> requireList(List<? extends Throwable> exceptions) {
        if (exceptions == null) {
            throw new IllegalArgumentException("An ExceptionGroup needs the list of its exceptions, not null");
        }
        return exceptions;
    }

    /** The failures, in the order they happened; unmodifiable. */
    public List<Throwable> exceptions() {
        return exceptions;
    }
}
