package dev.aioloop.demo;

import java.util.List;

/**
 * What a {@link Timeline} saw of one task, in loop time: when it was created, each step it ran (from
 * a resume to the next suspension or its end), and when it was done.
 *
 * @param name the task's name
 * @param created when the task was created
 * @param steps when it ran, in order
 * @param done when it was done, or NaN if it was still pending
 */
record TaskLife(String name, double created, List<Step> steps, double done) {
    /** One step of a task: from the loop resuming it to its next suspension or its end. */
    record Step(double start, double end) {
    }

    boolean ended() {
        return !Double.isNaN(done);
    }
}
