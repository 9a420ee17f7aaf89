package dev.aioloop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Each workload once, at a tiny size: it runs to its end on aioloop and prints the anchors' line. The
 * figures themselves are not checked here (speed belongs to bench/compare.sh), only that they are
 * figures.
 */
class BenchTest {
    @ParameterizedTest
    @CsvSource({
            "step,       200, '-?[0-9.]+ ns/step'",
            "spawn,      500, '-?[0-9.]+ ns/task'",
            "spawn-eager, 500, '-?[0-9.]+ ns/task'",
            "sleepers,   200, '-?[0-9]+ bytes/task overshoot=-?[0-9.]+ms'",
            "timer,        5, 'p50=-?[0-9]+us p99=-?[0-9]+us'",
            "threadsafe, 500, '[0-9]+ callbacks/s'",
            "timeouts,   200, 'scope=[0-9]+ heap=[0-9]+ wheel=[0-9]+ live-heap=[0-9]+ live-wheel=[0-9]+ ns/timeout'",
            "echo,       200, '[0-9]+ msg/s [0-9.]+ MiB/s p50=[0-9]+us p90=[0-9]+us p99=[0-9]+us p999=[0-9]+us'",
            "async-tree,       1, '-?[0-9.]+ us/tree'",
            "async-tree-eager, 1, '-?[0-9.]+ us/tree'",
    })
    void workloadPrintsTheAnchorsLine(String name, int size, String figure) throws Exception {
        String line = Bench.line(Bench.find(name), size, 1);
        assertTrue(Pattern.matches(Pattern.quote(name + " aioloop ") + figure, line), line);
    }

    @Test
    void everyWorkloadIsCheckedAbove() {
        List<String> names = Bench.WORKLOADS.stream().map(Workload::name).toList();
        assertEquals(List.of("step", "spawn", "spawn-eager", "sleepers", "timer", "threadsafe", "timeouts", "echo",
                "async-tree", "async-tree-eager"), names);
    }

    @Test
    void timerLatenessIsNeverNegative() throws Exception {
        Matcher m = Pattern.compile("p50=(-?[0-9]+)us p99=(-?[0-9]+)us").matcher(new Timer().run(5));
        assertTrue(m.matches());
        assertTrue(Integer.parseInt(m.group(1)) >= 0, "a sleep(10 ms) ended early: " + m.group());
    }

    @Test
    void continuationFloorRunsEveryYield() {
        assertTrue(ContinuationFloor.run(100) > 0);
    }

    @Test
    void unknownWorkloadNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Bench.find("nope"));
        assertTrue(e.getMessage().contains("step spawn spawn-eager sleepers timer threadsafe"), e.getMessage());
    }
}
