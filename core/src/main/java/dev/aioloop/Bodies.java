package dev.aioloop;

/**
 * A body with no result as the coroutine that the scopes and schedulers run: what the
 * {@link AsyncRunnable} overloads hand to their {@link Coroutine} twins, so that a lambda with no
 * {@code return} needs no {@code return null}.
 */
final class Bodies {
    private Bodies() {
    }

    /**
     * {@code body} as a coroutine whose result is null.
     *
     * @param what the call, for the message when {@code body} is null
     */
    static Coroutine<Void> of(AsyncRunnable body, String what) {
        if (body == null) {
            throw new IllegalArgumentException(what + "(null): pass the body to run");
        }
        return () -> {
            body.run();
            return null;
        };
    }
}
