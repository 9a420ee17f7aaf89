package dev.aioloop.bench;

/**
 * One of the anchors' workloads (see {@code ../shared/anchors/README.md}) on aioloop: a name, the
 * anchors' size, and one measured run that returns the figure and its unit as the anchors print them.
 *
 * <pre>{@code
 * String figure = new Step().run(100_000);   // "61.2 ns/step"
 * }</pre>
 */
public interface Workload {
    /** The workload's name, as the anchors spell it. */
    String name();

    /** The size the anchors use: tasks, timers or callbacks per producer, depending on the workload. */
    int defaultSize();

    /**
     * Runs the workload once at {@code size} on a fresh loop.
     *
     * @return the figure and unit, e.g. {@code "61.2 ns/step"}
     */
    String run(int size) throws Exception;
}
