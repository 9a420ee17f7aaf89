package dev.aioloop.netty;

import dev.aioloop.Future;
import dev.aioloop.Loop;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A child process's standard input as a {@link StreamWriter}'s outlet: the bytes go to a queue that
 * a daemon thread of its own writes to the pipe, blocking there instead of the loop's thread. The
 * thread starts at the first write or close. {@link StreamWriter#drain()} waits while more than
 * {@value #HIGH_WATER} bytes are queued, until the pipe has taken all but {@value #LOW_WATER}.
 */
final class PipeWriter implements Outlet {
    static final int HIGH_WATER = 64 * 1024;
    static final int LOW_WATER = 16 * 1024;

    // The end of the queue: close the pipe.
    private static final byte[] EOF = new byte[0];

    private final Loop loop;
    private final OutputStream pipe;
    private final String name;
    private final Future<Void> closed;
    private final List<Future<Void>> drainWaiters = new ArrayList<>();
    // Guarded by this: what the thread is to write, and how many bytes that is.
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private long queued;
    private Thread thread;
    // On the loop's thread.
    private boolean lost;
    private IOException failure;

    PipeWriter(Loop loop, OutputStream pipe, String name) {
        this.loop = loop;
        this.pipe = pipe;
        this.name = name;
        this.closed = loop.createFuture();
    }

    @Override
    public void send(List<byte[]> parts, int total) {
        byte[] data = new byte[total];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, data, at, part.length);
            at += part.length;
        }
        enqueue(data);
    }

    @Override
    public void send(ByteBuf data) {
        try {
            enqueue(ByteBufUtil.getBytes(data));
        } finally {
            data.release();
        }
    }

    private synchronized void enqueue(byte[] data) {
        queue.add(data);
        queued += data.length;
        if (thread == null) {
            thread = new Thread(this::run, name);
            thread.setDaemon(true);
            thread.start();
        }
        notifyAll();
    }

    private void run() {
        try (OutputStream out = pipe) {
            for (byte[] data = take(); data != EOF; data = take()) {
                out.write(data);
                out.flush();
                written(data.length);
            }
        } catch (IOException e) {
            // A child that ended, or closed its input: a broken pipe, as asyncio reports it.
            toLoop(() -> lose(e));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        toLoop(() -> lose(null));
    }

    private synchronized byte[] take() throws InterruptedException {
        while (queue.isEmpty()) {
            wait();
        }
        return queue.peek();
    }

    private void written(int n) {
        boolean belowLow;
        synchronized (this) {
            queue.poll();
            long before = queued;
            queued -= n;
            belowLow = before > LOW_WATER && queued <= LOW_WATER;
        }
        if (belowLow) {
            toLoop(() -> wakeDrainers(null));
        }
    }

    private void toLoop(Runnable action) {
        try {
            loop.callSoonThreadsafe(action);
        } catch (IllegalStateException closedLoop) {
            // Nobody is left to tell.
        }
    }

    /** On the loop's thread: the pipe is closed, by us ({@code error} null) or by a failed write. */
    private void lose(IOException error) {
        lost = true;
        if (error == null) {
            closed.setResult(null);
        } else {
            failure = error;
            closed.setException(error);
            // Whoever awaits waitClosed() gets the error; nobody awaiting it is no reason to report it.
            closed.exception();
        }
        wakeDrainers(error != null ? error : new IOException("The pipe is closed"));
    }

    private synchronized long queued() {
        return queued;
    }

    @Override
    public boolean lost() {
        return lost;
    }

    @Override
    public Throwable failure() {
        return failure;
    }

    @Override
    public void drain() throws Exception {
        if (lost) {
            throw new IOException("The pipe is closed");
        }
        if (queued() <= HIGH_WATER) {
            return;
        }
        Future<Void> waiter = loop.createFuture();
        drainWaiters.add(waiter);
        try {
            waiter.await();
        } finally {
            drainWaiters.remove(waiter);
        }
    }

    private void wakeDrainers(Throwable error) {
        for (Future<Void> w : List.copyOf(drainWaiters)) {
            if (!w.done()) {
                if (error == null) {
                    w.setResult(null);
                } else {
                    w.setException(error);
                }
            }
        }
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    @Override
    public void writeEof() {
        enqueue(EOF);
    }

    @Override
    public void close() {
        enqueue(EOF);
    }

    @Override
    public Future<Void> closed() {
        return closed;
    }

    @Override
    public SocketAddress peerName() {
        return null;
    }

    @Override
    public SocketAddress sockName() {
        return null;
    }

    @Override
    public Channel channel() {
        return null;
    }

    @Override
    public String toString() {
        return name + ", " + queued() + " bytes queued";
    }
}
