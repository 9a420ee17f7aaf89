package dev.aioloop;

import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * A mapping of {@link ContextVar}s to values: Python's {@code contextvars.Context}. Code always runs
 * in some context: a task in the copy of the context current when it was created, a callback of
 * {@link Loop#callSoon}, {@link Loop#callLater} or {@link Loop#callSoonThreadsafe} in the copy of the
 * context current when it was scheduled, and any other code in its thread's own context, or in the
 * one it {@link #run entered}.
 *
 * <pre>{@code
 * static final ContextVar<String> REQUEST = new ContextVar<>("request");
 *
 * REQUEST.set("r-42");
 * Context ctx = Context.copyCurrent();
 * REQUEST.set("r-43");
 * ctx.run(() -> REQUEST.get());   // "r-42"
 * }</pre>
 *
 * <p>A context is confined to one thread at a time, as the code that runs in it is. Its mapping is
 * never changed in place: a {@link ContextVar#set} replaces it by a new one, so a copy costs no
 * more than an object sharing the mapping, and a context with no variable set holds nothing.
 */
public final class Context {
    // Alternating variables and values, in the order the variables were first set; null when none is.
    // Replaced, never written into, so that copies may share it. A small array, not a trie as in
    // CPython: a request carries a few variables, and for those a scan and a copy beat any tree.
    Object[] vars;
    // False until the first variable is set, anywhere: until then every context is empty.
    private static volatile boolean everSet;
    private boolean entered;

    Context(Object[] vars) {
        this.vars = vars;
    }

    /**
     * A copy of the context the caller runs in: Python's {@code contextvars.copy_context()}. Setting
     * a variable in one of the two leaves the other as it was.
     */
    public static Context copyCurrent() {
        return new Context(current().vars);
    }

    /**
     * Runs {@code callable} in this context and returns its result (or throws what it throws): the
     * variables it reads are this context's, and those it sets stay in this context once it returns;
     * the caller's context is back afterwards.
     *
     * @throws IllegalStateException if the context is already entered (by a run that has not returned)
     */
    public <T> T run(Callable<T> callable) throws Exception {
        if (callable == null) {
            throw new IllegalArgumentException("Context.run(null): pass the code to run in the context");
        }
        if (entered) {
            throw new IllegalStateException("Context.run(): this context is already entered; to run code in "
                    + "the same variables elsewhere, take a Context.copyCurrent() inside it");
        }
        entered = true;
        ThreadLoops thread = ThreadLoops.current();
        Loop loop = thread.running;
        // Inside a loop's callback or task step, the loop holds the current context; elsewhere the thread.
        boolean inEntry = loop != null && loop.context != null;
        Context outer = inEntry ? loop.context : thread.context;
        if (inEntry) {
            loop.context = this;
        } else {
            thread.context = this;
        }
        try {
            return callable.call();
        } finally {
            if (inEntry) {
                loop.context = outer;
            } else {
                thread.context = outer;
            }
            entered = false;
        }
    }

    /** The context the calling code runs in, made when first needed. */
    static Context current() {
        ThreadLoops thread = ThreadLoops.current();
        Loop loop = thread.running;
        if (loop != null && loop.context != null) {
            Context c = loop.context;
            return c == UNSET ? loop.materializeContext() : c;
        }
        Context c = thread.context;
        if (c == null) {
            c = thread.context = new Context(null);
        }
        return c;
    }

    /**
     * The mapping of the context current where {@code loop} schedules work, for that work to run in a
     * copy of: null when no variable is set, so that the common case copies nothing.
     */
    static Object[] snapshot(Loop loop) {
        Context c = loop.context;
        if (c == UNSET) {
            return null;
        }
        return c != null ? c.vars : currentVars();
    }

    /**
     * The mapping of the context the calling code runs in, whatever thread it is on; null when empty.
     * A read: it makes no context where none is made yet.
     */
    static Object[] currentVars() {
        if (!everSet) {
            // Saves a thread-local lookup for each callback handed in from another thread.
            return null;
        }
        ThreadLoops thread = ThreadLoops.current();
        Loop loop = thread.running;
        Context c = loop != null && loop.context != null ? loop.context : thread.context;
        return c == null || c == UNSET ? null : c.vars;
    }

    /** A context over {@code vars}, or null for none: what a task or callback keeps of its creator's. */
    static Context of(Object[] vars) {
        return vars == null ? null : new Context(vars);
    }

    /**
     * {@code callback}, to run on {@code loop} in a context over {@code vars}: itself when {@code vars}
     * is null, so that a callback scheduled while no variable is set costs nothing more (its entry
     * gets an empty context of its own, made if it sets a variable: see Loop.runEntry).
     */
    static Runnable bind(Loop loop, Runnable callback, Object[] vars) {
        return vars == null || callback == null ? callback : new Bound(loop, new Context(vars), callback);
    }

    /** A callback and the context it was scheduled in. */
    private record Bound(Loop loop, Context context, Runnable callback) implements Runnable {
        @Override
        public void run() {
            loop.context = context;
            callback.run();
        }

        @Override
        public String toString() {
            return callback.toString();
        }
    }

    /**
     * The marker a loop holds as its current context while it runs an entry whose context is empty and
     * not made yet: the first {@link ContextVar#set} makes it ({@link Loop#materializeContext}). Never
     * handed out.
     */
    static final Context UNSET = new Context(null);

    /** Where {@code var} sits in {@code vars}, or -1. */
    static int indexOf(Object[] v, ContextVar<?> var) {
        if (v != null) {
            for (int i = 0; i < v.length; i += 2) {
                if (v[i] == var) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Replaces the mapping by one where {@code var} is {@code value}. */
    void put(ContextVar<?> var, Object value) {
        if (!everSet) {
            everSet = true;
        }
        int i = indexOf(vars, var);
        Object[] v;
        if (i >= 0) {
            v = vars.clone();
        } else {
            i = vars == null ? 0 : vars.length;
            v = vars == null ? new Object[2] : Arrays.copyOf(vars, i + 2);
            v[i] = var;
        }
        v[i + 1] = value;
        vars = v;
    }

    /** Replaces the mapping by one without {@code var}. */
    void remove(ContextVar<?> var) {
        int i = indexOf(vars, var);
        if (i < 0) {
            return;
        }
        if (vars.length == 2) {
            vars = null;
            return;
        }
        Object[] v = new Object[vars.length - 2];
        System.arraycopy(vars, 0, v, 0, i);
        System.arraycopy(vars, i + 2, v, i, v.length - i);
        vars = v;
    }

    @Override
    public String toString() {
        Object[] v = vars;
        StringBuilder s = new StringBuilder("Context{");
        for (int i = 0; v != null && i < v.length; i += 2) {
            s.append(i == 0 ? "" : ", ").append(((ContextVar<?>) v[i]).name()).append('=').append(v[i + 1]);
        }
        return s.append('}').toString();
    }
}
