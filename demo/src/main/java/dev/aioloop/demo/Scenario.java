package dev.aioloop.demo;

import static dev.aioloop.Asyncio.getEventLoop;
import static dev.aioloop.Asyncio.newEventLoop;
import static dev.aioloop.Asyncio.setEventLoop;

import dev.aioloop.KeyboardInterrupt;
import dev.aioloop.Loop;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * One group of the notebook's cells, as a subcommand. Each scenario starts on a fresh loop, as the
 * notebook's {@code set_event_loop(new_event_loop())} cell does between experiments, and closes it
 * at the end; with {@code --timeline}, the loops it {@link #watch watches} are drawn afterwards.
 */
abstract class Scenario implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Mixin
    TimelineOption timelineOption;

    private Timeline timeline;

    /** The notebook's cells, from just after the loop reset. */
    abstract void play() throws Exception;

    /**
     * Creates, before any timer starts, the coroutines that {@link #play()} creates once its timer
     * runs, and drops them: the JVM links a lambda or a string concatenation the first time it
     * meets it, which takes milliseconds, enough to make the first timed lines late. Creating a
     * coroutine runs none of it.
     */
    void prepare() {
    }

    @Override
    public Integer call() throws Exception {
        run(timelineOption.target);
        return 0;
    }

    /**
     * Plays the scenario, then draws the timeline if {@code timelineTarget} is not null (see
     * {@link TimelineOption#target}).
     */
    void run(String timelineTarget) throws Exception {
        Warmup.once();
        prepare();
        timeline = timelineTarget == null ? null : new Timeline();
        Loop loop = newEventLoop();
        setEventLoop(loop);
        watch(loop);
        try {
            play();
        } finally {
            loop.close();
        }
        if (timeline != null) {
            timeline.draw(timelineTarget, loop.time(), System.out, System.err);
        }
    }

    /** Puts {@code loop}'s tasks on the timeline, if one is drawn. */
    final void watch(Loop loop) {
        if (timeline != null) {
            timeline.watch(loop);
        }
    }

    /** The notebook's {@code try: run_forever() except KeyboardInterrupt: print("bye")}. */
    static void runForeverOrBye() {
        try {
            getEventLoop().runForever();
        } catch (KeyboardInterrupt e) {
            System.out.println("bye");
        }
    }
}
