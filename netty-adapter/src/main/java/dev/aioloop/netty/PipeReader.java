package dev.aioloop.netty;

import dev.aioloop.Loop;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Feeds a {@link StreamReader} from a child process's standard output or error: a daemon thread of
 * its own blocks in the pipe's read, so that the loop's thread never does, and hands each block to
 * the loop with {@link Loop#callSoonThreadsafe}. The JDK gives a child's pipes as streams, with no
 * descriptor for Netty to watch; a thread per pipe is the price.
 *
 * <p>The thread holds back while the reader has paused ({@link StreamReader.Source}) or while what
 * it handed over and the loop has not fed yet exceeds the reader's limit, so that a child writing
 * faster than the program reads is stopped by the full pipe, not by memory.
 */
final class PipeReader implements StreamReader.Source {
    private static final int BLOCK = 16 * 1024;

    private final Loop loop;
    private final InputStream pipe;
    private final StreamReader reader;
    private final int limit;
    // Guarded by this: reading paused by the reader; bytes handed to the loop, not yet fed.
    private boolean paused;
    private long inFlight;

    private PipeReader(Loop loop, InputStream pipe, StreamReader reader, int limit) {
        this.loop = loop;
        this.pipe = pipe;
        this.reader = reader;
        this.limit = limit;
    }

    /** A reader of {@code pipe} for {@code loop}, whose thread (named {@code name}) has started. */
    static StreamReader start(Loop loop, InputStream pipe, int limit, String name) {
        StreamReader reader = new StreamReader(loop, limit);
        PipeReader feeder = new PipeReader(loop, pipe, reader, limit);
        reader.attach(feeder);
        Thread thread = new Thread(feeder::run, name);
        thread.setDaemon(true);
        thread.start();
        return reader;
    }

    @Override
    public synchronized void setReading(boolean on) {
        paused = !on;
        notifyAll();
    }

    private void run() {
        byte[] block = new byte[BLOCK];
        try (InputStream in = pipe) {
            for (int n; (n = in.read(block)) >= 0; ) {
                byte[] data = Arrays.copyOf(block, n);
                synchronized (this) {
                    inFlight += n;
                }
                if (!toLoop(() -> fed(data))) {
                    return;
                }
                holdWhileBehind();
                if (loop.isClosed()) {
                    return;
                }
            }
            toLoop(reader::feedEof);
        } catch (IOException e) {
            toLoop(() -> reader.setException(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** On the loop's thread. */
    private void fed(byte[] data) {
        reader.feedData(data);
        synchronized (this) {
            inFlight -= data.length;
            notifyAll();
        }
    }

    private synchronized void holdWhileBehind() throws InterruptedException {
        // A loop closed meanwhile will neither feed what is on its way nor resume: the timed wait
        // lets the thread see that, stop, and close the pipe.
        while ((paused || inFlight > limit) && !loop.isClosed()) {
            wait(1000);
        }
    }

    /** Hands {@code action} to the loop; false once the loop is closed, and nobody is left to read. */
    private boolean toLoop(Runnable action) {
        try {
            loop.callSoonThreadsafe(action);
            return true;
        } catch (IllegalStateException closed) {
            return false;
        }
    }
}
