package dev.aioloop.demo;

/**
 * The notebook's timer helpers (its {@code asynchelpers} module): {@link #startTimer()} prints
 * {@code ---------- zero} and sets the time origin, {@link #showTimer(String)} prints the time since
 * then as {@code <s>s + <mmm>ms} followed by the message.
 */
final class Timer {
    // Read by every thread that shows the timer (the threads scenario has two).
    private static volatile long zero = System.nanoTime();

    private Timer() {
    }

    /** Prints {@code ---------- zero} and starts counting from now. */
    static void startTimer() {
        System.out.println("---------- zero");
        zero = System.nanoTime();
    }

    /** Prints the time since the last {@link #startTimer()}, then {@code message}. */
    static void showTimer(String message) {
        System.out.println(line(System.nanoTime() - zero, message));
    }

    /** {@code elapsedNanos} as whole seconds, then the milliseconds left over on three digits, then the message. */
    static String line(long elapsedNanos, String message) {
        long millis = elapsedNanos / 1_000_000;
        long rest = millis % 1000;
        StringBuilder s = new StringBuilder(message.length() + 16).append(millis / 1000).append("s + ");
        if (rest < 100) {
            s.append(rest < 10 ? "00" : "0");
        }
        return s.append(rest).append("ms ").append(message).toString();
    }
}
