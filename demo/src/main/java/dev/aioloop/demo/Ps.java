package dev.aioloop.demo;

import picocli.CommandLine.Command;

/**
 * Python 3.14's {@code python -m asyncio ps PID}: the table of the tasks of every loop of a running
 * JVM (loop, task, state, awaiting, where), read from its {@code dev.aioloop:type=Loops} MBean.
 */
@Command(name = "ps", description = "not from the notebook: the tasks of the asyncio loops of a running JVM, as a table")
final class Ps extends AttachedCommand {
    @Override
    String operation() {
        return "taskTable";
    }

    @Override
    void print(Object answer) {
        String[][] rows = (String[][]) answer;
        int[] width = new int[rows[0].length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(width[i] - row[i].length() + 2));
                }
            }
            System.out.println(line);
        }
    }
}
