package dev.aioloop;

import java.util.List;

/**
 * What a future is part of, as Python 3.14's {@code asyncio.capture_call_graph} returns it: the
 * future; for a suspended task, the frames it waits in (user code first, aioloop's own frames left
 * out); and the call graphs of those awaiting it, recursively. Made by
 * {@link Asyncio#captureCallGraph(Future)}; {@link #toString()} is {@link Asyncio#formatCallGraph}'s
 * text.
 *
 * <pre>{@code
 * CallGraph g = Asyncio.captureCallGraph(task);
 * for (CallGraph up = g; !up.awaitedBy().isEmpty(); up = up.awaitedBy().get(0)) { ... }
 * }</pre>
 */
public final class CallGraph {
    private final Future<?> future;
    private final List<StackTraceElement> frames;
    private final List<CallGraph> awaitedBy;
    private final String state;

    CallGraph(Future<?> future, List<StackTraceElement> frames, List<CallGraph> awaitedBy, String state) {
        this.future = future;
        this.frames = List.copyOf(frames);
        this.awaitedBy = List.copyOf(awaitedBy);
        this.state = state;
    }

    /** The future this graph is about. */
    public Future<?> future() {
        return future;
    }

    /**
     * For a task, the frames of its body, innermost first, without aioloop's own: where it is
     * suspended, or where it runs if it is the task capturing the graph. Empty for a plain future,
     * for a task not started yet, and for a done one.
     */
    public List<StackTraceElement> frames() {
        return frames;
    }

    /** The call graphs of the tasks and futures awaiting this one; empty for none. */
    public List<CallGraph> awaitedBy() {
        return awaitedBy;
    }

    /** The future's state as the dumps word it: running, ready, awaiting ..., sleeping until ..., done. */
    public String state() {
        return state;
    }

    /** The graph as text, awaited future first and each awaiter indented below it. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        format(out, "");
        return out.toString();
    }

    private void format(StringBuilder out, String indent) {
        out.append(indent).append("* ").append(TaskDump.name(future)).append(" (").append(state).append(")\n");
        if (!frames.isEmpty()) {
            out.append(indent).append("  + Call stack:\n");
            for (StackTraceElement f : frames) {
                out.append(indent).append("  |   at ").append(f).append('\n');
            }
        }
        if (!awaitedBy.isEmpty()) {
            out.append(indent).append("  + Awaited by:\n");
            for (CallGraph g : awaitedBy) {
                g.format(out, indent + "     ");
            }
        }
    }
}
