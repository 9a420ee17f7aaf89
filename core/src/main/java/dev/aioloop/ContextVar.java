package dev.aioloop;

import java.util.NoSuchElementException;

/**
 * A context variable: Python's {@code contextvars.ContextVar}. Its value lives in the current
 * {@link Context}, so that it follows a request through every task the request starts, even where
 * tasks of many requests share one thread (what a {@code ThreadLocal} cannot do): each task runs in
 * a copy of the context current when it was created, and sees what its creator had set; what it
 * sets itself, its siblings and its creator do not see.
 *
 * <pre>{@code
 * static final ContextVar<String> REQUEST_ID = new ContextVar<>("request_id", "-");
 *
 * Token<String> token = REQUEST_ID.set("r-42");
 * try {
 *     ensureFuture(() -> log(REQUEST_ID.get() + ": started"));   // "r-42: started"
 * } finally {
 *     REQUEST_ID.reset(token);
 * }
 * }</pre>
 *
 * <p>Make variables once, as constants: a context holds its variables strongly.
 *
 * @param <T> the type of the variable's values (null is a value like any other)
 */
public final class ContextVar<T> {
    private final String name;
    private final boolean hasDefault;
    private final T defaultValue;

    /** A variable with no default: {@link #get()} throws while it is not set. */
    public ContextVar(String name) {
        this(name, false, null, "new ContextVar(null)");
    }

    /** A variable whose {@link #get()} returns {@code defaultValue} while it is not set. */
    public ContextVar(String name, T defaultValue) {
        this(name, true, defaultValue, "new ContextVar(null, " + defaultValue + ")");
    }

    private ContextVar(String name, boolean hasDefault, T defaultValue, String call) {
        if (name == null) {
            throw new IllegalArgumentException(call + ": give the variable a name");
        }
        this.name = name;
        this.hasDefault = hasDefault;
        this.defaultValue = defaultValue;
    }

    /** The variable's name, for people. */
    public String name() {
        return name;
    }

    /**
     * The variable's value in the current context; if it is not set there, the default given to the
     * constructor.
     *
     * @throws NoSuchElementException if it is not set and has no default (Python's {@code LookupError})
     */
    public T get() {
        Object[] vars = Context.currentVars();
        int i = Context.indexOf(vars, this);
        if (i >= 0) {
            return value(vars, i);
        }
        if (hasDefault) {
            return defaultValue;
        }
        throw new NoSuchElementException("ContextVar '" + name + "' is not set in this context and has no default: "
                + "set() it first, call get(default), or make it with new ContextVar<>(name, default)");
    }

    /** The variable's value in the current context, or {@code defaultValue} if it is not set there. */
    public T get(T defaultValue) {
        Object[] vars = Context.currentVars();
        int i = Context.indexOf(vars, this);
        return i >= 0 ? value(vars, i) : defaultValue;
    }

    /**
     * Sets the variable in the current context.
     *
     * @return a token that {@link #reset} takes to put back the value this call replaced
     */
    public Token<T> set(T value) {
        Context context = Context.current();
        Object[] vars = context.vars;
        int i = Context.indexOf(vars, this);
        Token<T> token = new Token<>(this, context, i >= 0, i >= 0 ? value(vars, i) : null);
        context.put(this, value);
        return token;
    }

    /**
     * Puts the variable back as it was before the {@link #set} that returned {@code token}: its
     * previous value, or not set.
     *
     * @throws IllegalArgumentException if the token is null, comes from another variable, or was made
     *         in another context
     * @throws IllegalStateException if the token was already used
     */
    public void reset(Token<T> token) {
        if (token == null) {
            throw new IllegalArgumentException("reset(null): pass the Token that set() returned");
        }
        if (token.var != this) {
            throw new IllegalArgumentException("reset(" + token + "): the token was made by ContextVar '"
                    + token.var.name + "', not '" + name + "': pass it to that variable's reset()");
        }
        Context context = Context.current();
        if (token.context != context) {
            throw new IllegalArgumentException("reset(" + token + "): the token was made in another context; "
                    + "reset it in the task or callback whose set() returned it");
        }
        if (token.used) {
            throw new IllegalStateException("reset(" + token + "): the token has already been used once; "
                    + "each set() gives a token for one reset()");
        }
        token.used = true;
        if (token.hadValue) {
            context.put(this, token.oldValue);
        } else {
            context.remove(this);
        }
    }

    // Only this variable ever stores a value under itself.
    @SuppressWarnings("unchecked")
    private T value(Object[] vars, int i) {
        return (T) vars[i + 1];
    }

    @Override
    public String toString() {
        return "<ContextVar name='" + name + "'" + (hasDefault ? " default=" + defaultValue : "") + ">";
    }

    /**
     * What {@link ContextVar#set} returns: the variable's previous value in that context, for one
     * {@link ContextVar#reset}. Python's {@code contextvars.Token}.
     *
     * @param <T> the variable's type
     */
    public static final class Token<T> {
        private final ContextVar<T> var;
        private final Context context;
        private final boolean hadValue;
        private final T oldValue;
        private boolean used;

        private Token(ContextVar<T> var, Context context, boolean hadValue, T oldValue) {
            this.var = var;
            this.context = context;
            this.hadValue = hadValue;
            this.oldValue = oldValue;
        }

        /** The variable whose {@code set} made this token. */
        public ContextVar<T> var() {
            return var;
        }

        @Override
        public String toString() {
            return "<Token" + (used ? " used" : "") + " var=" + var + ">";
        }
    }
}
