package dev.aioloop.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TerminalChartTest {
    private static TaskLife.Step step(double start, double end) {
        return new TaskLife.Step(start, end);
    }

    @Test
    void drawsTheForkFigureOneRowPerTaskOneColumnPerTenthOfASecond() {
        double t0 = 100;
        TaskLife c1 = new TaskLife("c1", t0,
                List.of(step(t0 + 0.0002, t0 + 0.0003), step(t0 + 1.001, t0 + 1.0012), step(t0 + 2.003, t0 + 2.0031)),
                t0 + 2.0031);
        TaskLife c2 = new TaskLife("c2", t0 + 1.0011,
                List.of(step(t0 + 1.0013, t0 + 1.0014), step(t0 + 3.003, t0 + 3.0031)), t0 + 3.0031);
        assertEquals("""
                timeline: one column = 100 ms; # running, - waiting, | done
                    0s        1s        2s        3s
                c1  #---------#---------|
                c2            #-------------------|
                """, TerminalChart.render(List.of(c1, c2), t0 + 3.5));
    }

    @Test
    void aTaskStillPendingAtTheEndWaitsToTheLastColumn() {
        // 0.29 s / 0.01 s is a hair under 29 in floating point: the step still falls in column 29.
        TaskLife pending = new TaskLife("Task-7", 0, List.of(step(0, 0.001), step(0.29, 0.291)), Double.NaN);
        assertEquals("""
                timeline: one column = 10 ms; # running, - waiting, | done
                        0s        0.1s      0.2s      0.3s      0.4s      0.5s
                Task-7  #----------------------------#----------------------
                """, TerminalChart.render(List.of(pending), 0.52));
    }

    @Test
    void saysSoWhenNoTaskRan() {
        assertEquals("timeline: no task ran\n", TerminalChart.render(List.of(), 1));
    }
}
