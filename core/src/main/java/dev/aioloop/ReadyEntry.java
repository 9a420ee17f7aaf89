package dev.aioloop;

/**
 * What the loop's ready queue holds: a callback's {@link Handle}, a {@link Task} to step, or a done
 * {@link Future} whose one done callback is due. The entries are these objects themselves, so that
 * making work ready allocates nothing; being sealed, nothing else can reach the queue.
 */
abstract sealed class ReadyEntry permits Handle, Future {
    /** Runs this entry's work on the loop's thread; what it throws goes to the loop's exception handler. */
    abstract void runReady();
}
