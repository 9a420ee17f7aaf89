package dev.aioloop.demo;

import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * A scenario where the notebook says "interrupt after N s": it runs until a real Ctrl-C, or until the
 * SIGINT that {@code --interrupt-after} raises in the process, both taking the same signal path.
 */
abstract class InterruptibleScenario extends Scenario {
    private Double interruptAfter;
    private Sigint sigint;

    @Option(names = "--interrupt-after", paramLabel = "SECONDS",
            description = "Raise a real SIGINT in this process SECONDS after the timer starts, "
                    + "instead of waiting for Ctrl-C.")
    void setInterruptAfter(double seconds) {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new ParameterException(command.commandLine(),
                    "--interrupt-after " + seconds + ": give a positive number of seconds, e.g. 3.5");
        }
        interruptAfter = seconds;
    }

    /** When the reference transcripts interrupt: seconds after the {@code startTimer()} before the run. */
    abstract double notebookInterruptAfter();

    /** Plays the scenario interrupted when the notebook's transcripts are, as {@code all} does. */
    void runAsNotebook(String timelineTarget) throws Exception {
        interruptAfter = notebookInterruptAfter();
        run(timelineTarget);
    }

    @Override
    void run(String timelineTarget) throws Exception {
        if (Sigint.ignoredInThisProcess()) {
            throw new ParameterException(command.commandLine(), command.name() + " waits for a SIGINT, which this "
                    + "process ignores (a non-interactive shell started it in the background): run it in the "
                    + "foreground, or through `env --default-signal=INT`");
        }
        sigint = null;
        if (interruptAfter == null) {
            System.err.println("(" + command.name() + " runs until Ctrl-C; the notebook's transcript interrupts "
                    + TimeAxis.label(notebookInterruptAfter()) + " after the timer starts)");
            super.run(timelineTarget);
            return;
        }
        sigint = Sigint.prepare();
        try {
            super.run(timelineTarget);
        } finally {
            sigint.cancel();
        }
    }

    /** Where the notebook says "interrupt after N s", just after its {@code startTimer()}. */
    final void interruptLater() {
        if (sigint != null) {
            sigint.raiseAfter(interruptAfter);
        }
    }
}
