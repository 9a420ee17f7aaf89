package dev.aioloop;

/**
 * Run by {@link SigintTest} in a JVM of its own: Ctrl-C during {@link Asyncio#run(Coroutine)}. The run
 * ends with {@link KeyboardInterrupt} after cancelling the main task, whose finally block runs.
 */
public final class SigintRunChild {
    private SigintRunChild() {
    }

    public static void main(String[] args) throws Exception {
        try {
            Asyncio.run(Asyncio.async(() -> {
                try {
                    say("waiting");
                    Asyncio.sleep(3600);
                } catch (CancelledError e) {
                    say("main cancelled");
                    throw e;
                } finally {
                    say("main finally");
                }
            }));
            say("run returned");
        } catch (KeyboardInterrupt e) {
            say("KeyboardInterrupt");
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
