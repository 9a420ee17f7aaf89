package dev.aioloop;

/**
 * Thrown out of {@link Loop#runForever()} or {@link Loop#runUntilComplete(Awaitable)} when the
 * process gets a SIGINT (Ctrl-C) while the main thread runs a loop.
 *
 * <p>The loop is left stopped, not closed, with its pending tasks and callbacks intact: a later run
 * resumes them. An {@link Error}, like Python's {@code BaseException}, so that
 * {@code catch (Exception e)} does not swallow it.
 *
 * <pre>{@code
 * try {
 *     loop.runForever();
 * } catch (KeyboardInterrupt e) {
 *     System.out.println("bye");
 * }
 * }</pre>
 */
public final class KeyboardInterrupt extends Error {
    private static final long serialVersionUID = 1L;

    /** An interrupt with the usual message. */
    public KeyboardInterrupt() {
        super("interrupted by SIGINT");
    }
}
