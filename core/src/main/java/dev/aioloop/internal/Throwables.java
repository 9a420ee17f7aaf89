package dev.aioloop.internal;

/** Internal to aioloop, not API: rethrowing a throwable, checked or not, as itself. */
public final class Throwables {
    private Throwables() {
    }

    /**
     * Throws {@code e} unchanged, without declaring it: a coroutine's failure is rethrown as the same
     * object, checked or not. Declared to return so that callers can write {@code throw sneakyThrow(e)}
     * and the compiler knows the path ends.
     */
    @SuppressWarnings("unchecked")
    public static <E extends Throwable> RuntimeException sneakyThrow(Throwable e) throws E {
        throw (E) e;
    }
}
