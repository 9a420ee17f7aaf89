package dev.aioloop.demo;

import java.util.Arrays;
import java.util.List;

/**
 * A timeline as text, the notebook's fork figure for any scenario: one row per task, one column per
 * round slice of time; {@code #} where the task ran, {@code -} where it waited (suspended in an
 * await, or ready for its turn), {@code |} where it ended. Plain ASCII, so that any terminal shows it.
 *
 * <pre>
 * timeline: one column = 100 ms; # running, - waiting, | done
 *         0s        1s        2s        3s
 * Task-3  #---------#---------|
 * Task-4            #-------------------|
 * </pre>
 */
final class TerminalChart {
    private static final int MAX_COLUMNS = 60;
    private static final int COLUMNS_PER_TICK = 10;

    private TerminalChart() {
    }

    static String render(List<TaskLife> lives, double end) {
        if (lives.isEmpty()) {
            return "timeline: no task ran\n";
        }
        TimeAxis axis = TimeAxis.of(lives, end);
        double step = axis.roundStep(MAX_COLUMNS);
        int columns = Math.max(1, (int) Math.ceil(axis.span() / step - 1e-9));
        int labelWidth = 0;
        for (TaskLife life : lives) {
            labelWidth = Math.max(labelWidth, life.name().length());
        }
        labelWidth += 2;

        StringBuilder chart = new StringBuilder()
                .append("timeline: one column = ").append(duration(step))
                .append("; # running, - waiting, | done\n");
        chart.append(ticks(labelWidth, columns, step)).append('\n');
        for (TaskLife life : lives) {
            char[] row = new char[columns];
            Arrays.fill(row, ' ');
            int last = life.ended() ? column(life.done(), axis, step, columns) : columns - 1;
            Arrays.fill(row, column(life.created(), axis, step, columns), last + 1, '-');
            for (TaskLife.Step s : life.steps()) {
                Arrays.fill(row, column(s.start(), axis, step, columns), column(s.end(), axis, step, columns) + 1, '#');
            }
            if (life.ended()) {
                row[last] = '|';
            }
            chart.append(padded(life.name(), labelWidth)).append(String.valueOf(row).stripTrailing()).append('\n');
        }
        return chart.toString();
    }

    private static int column(double time, TimeAxis axis, double step, int columns) {
        // The nudge keeps a time that falls on a column's edge (0.29 s / 0.01 s) out of the column before.
        int c = (int) Math.floor((time - axis.origin()) / step + 1e-9);
        return Math.max(0, Math.min(columns - 1, c));
    }

    private static String ticks(int labelWidth, int columns, double step) {
        StringBuilder line = new StringBuilder(" ".repeat(labelWidth));
        for (int c = 0; c < columns; c += COLUMNS_PER_TICK) {
            line.setLength(labelWidth + c);
            line.append(TimeAxis.label(c * step));
            while (line.length() < labelWidth + c + COLUMNS_PER_TICK) {
                line.append(' ');
            }
        }
        return line.toString().stripTrailing();
    }

    private static String padded(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    private static String duration(double seconds) {
        return seconds < 1 ? Math.round(seconds * 1000) + " ms" : TimeAxis.label(seconds).replace("s", " s");
    }
}
