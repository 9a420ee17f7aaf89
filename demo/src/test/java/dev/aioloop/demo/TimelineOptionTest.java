package dev.aioloop.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class TimelineOptionTest {
    private static All parsed(String... args) {
        Demo demo = new Demo();
        CommandLine cli = new CommandLine(demo);
        String[] withAll = new String[args.length + 1];
        withAll[0] = "all";
        System.arraycopy(args, 0, withAll, 1, args.length);
        return (All) cli.parseArgs(withAll).subcommand().commandSpec().userObject();
    }

    @Test
    void eachScenarioOfAllGetsItsOwnSvgFile() {
        assertEquals("out/chart-fork.svg", parsed("--timeline=out/chart.svg").timelineOption.forScenario("fork"));
    }

    @Test
    void withoutAValueTheChartGoesToTheTerminalForEveryScenario() {
        assertEquals(Timeline.TERMINAL, parsed("--timeline").timelineOption.forScenario("stop"));
    }

    @Test
    void withoutTheOptionNoChartIsDrawn() {
        assertNull(parsed().timelineOption.forScenario("sync"));
    }

    @Test
    void aFileThatIsNotSvgIsRefusedSayingWhatToGive() {
        ParameterException e = assertThrows(ParameterException.class, () -> parsed("--timeline=chart.png"));
        assertTrue(e.getMessage().contains("ending in .svg"), e.getMessage());
    }
}
