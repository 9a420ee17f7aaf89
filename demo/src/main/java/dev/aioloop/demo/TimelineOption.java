package dev.aioloop.demo;

import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code --timeline[=FILE.svg]} option, shared by every scenario and by {@code all}. */
final class TimelineOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** Null for no chart, {@link Timeline#TERMINAL}, or the path of an SVG file. */
    String target;

    @Option(names = "--timeline", arity = "0..1", fallbackValue = Timeline.TERMINAL, paramLabel = "FILE.svg",
            description = "After the scenario, draw each task's life (running, waiting in an await, done): "
                    + "in the terminal, or as an SVG picture in FILE.svg.")
    void setTarget(String value) {
        if (!Timeline.TERMINAL.equals(value) && !value.endsWith(".svg")) {
            throw new ParameterException(command.commandLine(), "--timeline=" + value
                    + ": give a file name ending in .svg, or no value for a chart in the terminal");
        }
        target = value;
    }

    /** The target for one scenario of several: an SVG file gets the scenario's name before {@code .svg}. */
    String forScenario(String scenario) {
        if (target == null || Timeline.TERMINAL.equals(target)) {
            return target;
        }
        return target.substring(0, target.length() - ".svg".length()) + "-" + scenario + ".svg";
    }
}
