package dev.aioloop.demo;

import picocli.CommandLine.Command;

/**
 * Python 3.14's {@code python -m asyncio pstree PID}: for every loop of a running JVM, each task
 * nobody awaits, with what it awaits below it, read from its {@code dev.aioloop:type=Loops} MBean.
 */
@Command(name = "pstree", description = "not from the notebook: the await trees of the asyncio loops of a running JVM")
final class Pstree extends AttachedCommand {
    @Override
    String operation() {
        return "formatAwaitTrees";
    }

    @Override
    void print(Object answer) {
        System.out.print((String) answer);
    }
}
