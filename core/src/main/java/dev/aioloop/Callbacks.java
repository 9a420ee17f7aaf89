package dev.aioloop;

import java.util.ArrayList;
import java.util.function.Consumer;

/**
 * What a future holds for when it is done: one {@link Listener}, or {@link Several} in the order they
 * were added. Most futures have at most one, so one listener is stored as itself, with no list.
 *
 * <p>Sealed within this package: the permitted classes must share the package of the sealed type
 * when the library runs on the class path, in the unnamed module.
 */
sealed interface Callbacks permits Callbacks.Listener, Callbacks.Several {

    /**
     * One party to tell when a future is done: a {@link Task} awaiting it, woken as itself so that
     * an await allocates nothing, or a {@link DoneCallback} to run with the future.
     */
    sealed interface Listener extends Callbacks permits Task, DoneCallback {
    }

    /**
     * A done callback. One made once can be shared by many futures (a gather's children, a task
     * group's), so that registering it on each allocates nothing.
     */
    final class DoneCallback implements Listener {
        private final Consumer<? super Future<?>> consumer;
        // Who waits through this callback, for call graphs: a gather, a task group's task; or null.
        final Future<?> awaiter;
        // The context a user's callback runs in (a copy of the one current when it was added); null for
        // an empty one, and for the loop's own callbacks, which read no variable.
        Context context;

        <T> DoneCallback(Consumer<? super Future<T>> consumer) {
            this(consumer, null);
        }

        // The consumer accepts only the futures it is registered on, whatever their result type.
        @SuppressWarnings("unchecked")
        <T> DoneCallback(Consumer<? super Future<T>> consumer, Future<?> awaiter) {
            this.consumer = (Consumer<? super Future<?>>) (Consumer<?>) consumer;
            this.awaiter = awaiter;
        }

        boolean holds(Object callback) {
            return callback.equals(consumer);
        }

        void run(Future<?> future) {
            Context c = context;
            if (c == null) {
                consumer.accept(future);
                return;
            }
            Loop loop = future.loop;
            Context outer = loop.context;
            loop.context = c;
            try {
                consumer.accept(future);
            } finally {
                loop.context = outer;
            }
        }

        @Override
        public String toString() {
            return consumer.toString();
        }
    }

    /** Listeners in the order they were added: two when made, maybe fewer after removals. */
    final class Several extends ArrayList<Listener> implements Callbacks {
        private static final long serialVersionUID = 1L;

        Several(Listener first, Listener second) {
            super(4);
            add(first);
            add(second);
        }
    }
}
