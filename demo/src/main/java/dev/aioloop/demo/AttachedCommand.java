package dev.aioloop.demo;

import java.util.concurrent.Callable;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A subcommand that reads the asyncio loops of another JVM ({@link LoopsOfProcess}): it calls one
 * operation of that JVM's {@code dev.aioloop:type=Loops} MBean and prints the answer; a PID it cannot
 * read gets one line on standard error and status 1.
 */
abstract class AttachedCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Parameters(paramLabel = "PID", description = "The process id of a JVM running aioloop.")
    long pid;

    /** The MBean operation to call. */
    abstract String operation();

    /** Prints what the operation returned. */
    abstract void print(Object answer);

    @Override
    public Integer call() {
        Object answer;
        try {
            answer = LoopsOfProcess.call(pid, operation());
        } catch (LoopsOfProcess.Unreachable e) {
            System.err.println(command.name() + ": " + e.getMessage());
            return 1;
        }
        print(answer);
        return 0;
    }
}
