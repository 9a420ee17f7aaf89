package dev.aioloop;

/**
 * Run by {@link MissingFlagTest} in a JVM started without
 * {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}: tasks fail naming the flag, plain
 * callbacks still run.
 */
public final class MissingFlagChild {
    private MissingFlagChild() {
    }

    public static void main(String[] args) {
        Loop loop = Asyncio.newEventLoop();
        for (int i = 1; i <= 2; i++) {
            int n = i;
            try {
                say("task " + n + " returned " + loop.runUntilComplete(() -> n));
            } catch (Throwable e) {
                say("task " + n + " failed: " + e);
            }
        }
        loop.callSoon(() -> say("callback ran"));
        loop.stop();
        loop.runForever();
        loop.close();
        say("end");
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
