package dev.aioloop;

/**
 * Run by {@link SignalHandlerTest} in a JVM of its own, which receives real signals: handlers for
 * USR2, INT and TERM on a loop run by the main thread; TERM stops it, and after the close the JVM's
 * own handling is back.
 */
public final class SignalHandlerChild {
    private SignalHandlerChild() {
    }

    public static void main(String[] args) throws Exception {
        Loop loop = Asyncio.newEventLoop();
        Thread main = Thread.currentThread();
        loop.addSignalHandler("USR2", () -> say("USR2 on the loop's thread " + (Thread.currentThread() == main)
                + ", removed " + loop.removeSignalHandler("USR2") + ", again " + loop.removeSignalHandler("USR2")));
        loop.addSignalHandler("INT", () -> say("INT handled"));
        loop.addSignalHandler("TERM", () -> {
            say("TERM handled");
            loop.stop();
        });
        loop.callSoon(() -> say("ready"));
        try {
            loop.runForever();
            say("stopped");
        } catch (KeyboardInterrupt e) {
            say("KeyboardInterrupt");
        }
        loop.close();
        say("closed");
        // The next TERM must end the JVM the default way; stdin never closes.
        System.in.read();
        say("stdin closed");
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
