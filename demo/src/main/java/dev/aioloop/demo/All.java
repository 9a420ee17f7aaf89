package dev.aioloop.demo;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Every scenario, in the order the program lists them, each under a {@code == name} line and
 * interrupted when the notebook's transcripts are.
 */
@Command(name = "all", description = "every scenario in order, interrupted when the notebook's transcripts are")
final class All implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Mixin
    TimelineOption timelineOption;

    @Override
    public Integer call() throws Exception {
        boolean first = true;
        for (CommandLine sub : command.parent().subcommands().values()) {
            if (!(sub.getCommand() instanceof Scenario scenario)) {
                continue;
            }
            String name = sub.getCommandName();
            if (!first) {
                System.out.println();
            }
            first = false;
            System.out.println("== " + name);
            String timeline = timelineOption.forScenario(name);
            if (scenario instanceof InterruptibleScenario interruptible) {
                interruptible.runAsNotebook(timeline);
            } else {
                scenario.run(timeline);
            }
        }
        return 0;
    }
}
