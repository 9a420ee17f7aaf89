package dev.aioloop.demo;

import static dev.aioloop.demo.Transcripts.assertMatches;
import static dev.aioloop.demo.Transcripts.reference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The built jar, run as the README runs it, against the reference transcripts: one process per
 * scenario, with real SIGINTs where the notebook interrupts.
 */
class DemoIT {
    private static final String SVG = "http://www.w3.org/2000/svg";
    private static final List<String> SCENARIOS = List.of("sync", "fork", "stop", "nonempty", "threads");

    @ParameterizedTest
    @ValueSource(strings = {"sync", "stop", "threads"})
    void scenariosThatEndByThemselvesPrintTheirTranscript(String scenario) throws Exception {
        try (DemoProcess demo = DemoProcess.run(scenario)) {
            assertEquals(0, demo.awaitExit(), demo.report());
            assertMatches(reference(scenario), demo.out(), demo.report());
        }
    }

    /** Where the notebook says "interrupt after N s": a Ctrl-C from outside once the last timed line is out. */
    @ParameterizedTest
    @CsvSource({"fork, <<< c2", "nonempty, <<< long"})
    void scenariosThatRunForeverEndOnCtrlC(String scenario, String lastTimedLine) throws Exception {
        try (DemoProcess demo = DemoProcess.start(scenario)) {
            demo.awaitLine(line -> line.endsWith(lastTimedLine));
            demo.sigint();
            assertEquals(0, demo.awaitExit(), demo.report());
            assertMatches(reference(scenario), demo.out(), demo.report());
        }
    }

    @Test
    void allPlaysEveryScenarioInterruptedAtTheNotebooksTimes() throws Exception {
        List<String> expected = new ArrayList<>();
        for (String scenario : SCENARIOS) {
            if (!expected.isEmpty()) {
                expected.add("");
            }
            expected.add("== " + scenario);
            expected.addAll(reference(scenario));
        }
        try (DemoProcess demo = DemoProcess.run("all")) {
            assertEquals(0, demo.awaitExit(), demo.report());
            assertMatches(expected, demo.out(), demo.report());
        }
    }

    @Test
    void forkDrawsItsTimelineInTheTerminalAfterTheTranscript() throws Exception {
        try (DemoProcess demo = DemoProcess.run("fork", "--interrupt-after", "3.5", "--timeline")) {
            assertEquals(0, demo.awaitExit(), demo.report());
            List<String> transcript = reference("fork");
            List<String> out = demo.out();
            assertTrue(out.size() >= transcript.size(), demo.report());
            assertMatches(transcript, out.subList(0, transcript.size()), demo.report());
            List<String> chart = out.subList(transcript.size(), out.size()).stream()
                    .map(line -> line.replaceAll("Task-\\d+", "Task-N"))
                    .toList();
            assertEquals(reference("fork-timeline"), chart, demo.report());
        }
    }

    @Test
    void threadsDrawsOneSvgRowPerTaskOfBothLoops(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("threads.svg");
        try (DemoProcess demo = DemoProcess.run("threads", "--timeline=" + svg)) {
            assertEquals(0, demo.awaitExit(), demo.report());
            assertMatches(reference("threads"), demo.out(), demo.report());
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        Set<String> rows = new TreeSet<>();
        NodeList groups = doc.getElementsByTagNameNS(SVG, "g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element row = (Element) groups.item(i);
            if ("task".equals(row.getAttribute("class"))) {
                rows.add(row.getElementsByTagNameNS(SVG, "text").item(0).getTextContent());
                assertEquals(1, count(row, "line", "waiting"), "one waiting line per row");
                assertTrue(count(row, "rect", "running") >= 2, "a bar per step: the job awaits once");
                assertEquals(1, count(row, "line", "done"), "both tasks end");
            }
        }
        // The main loop's task and the second loop's task, each one row named with its thread.
        assertEquals(2, rows.size(), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.endsWith(" (main)")), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.endsWith(" (second)")), rows.toString());
    }

    private static int count(Element parent, String tag, String cssClass) {
        NodeList nodes = parent.getElementsByTagNameNS(SVG, tag);
        int n = 0;
        for (int i = 0; i < nodes.getLength(); i++) {
            if (cssClass.equals(((Element) nodes.item(i)).getAttribute("class"))) {
                n++;
            }
        }
        return n;
    }

    @Test
    void withNoArgumentListsTheSubcommandsOnePerLine() throws Exception {
        try (DemoProcess demo = DemoProcess.run()) {
            assertEquals(0, demo.awaitExit(), demo.report());
            List<String> names = demo.out().stream().map(line -> line.split(" ")[0]).toList();
            List<String> expected = new ArrayList<>(SCENARIOS);
            expected.addAll(List.of("all", "echo-server", "echo-client", "http-server", "blocked", "ps", "pstree"));
            assertEquals(expected, names, demo.report());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sync", "fork", "stop", "nonempty", "threads", "all", "echo-server", "echo-client",
            "blocked", "ps", "pstree"})
    void helpWorksEverywhere(String subcommand) throws Exception {
        String[] args = subcommand.isEmpty() ? new String[] {"--help"} : new String[] {subcommand, "--help"};
        try (DemoProcess demo = DemoProcess.run(args)) {
            assertEquals(0, demo.awaitExit(), demo.report());
            String usage = "Usage: aioloop-demo" + (subcommand.isEmpty() ? "" : " " + subcommand);
            assertTrue(demo.out().get(0).startsWith(usage), demo.report());
        }
    }

    @Test
    void aScenarioWaitingForCtrlCRefusesToStartWhereSigintIsIgnored() throws Exception {
        try (DemoProcess demo = DemoProcess.startIgnoringSigint("fork", "--interrupt-after", "1")) {
            assertEquals(2, demo.awaitExit(), demo.report());
            assertTrue(demo.err().get(0).contains("env --default-signal=INT"), demo.report());
            assertEquals(List.of(), demo.out(), "no scenario started");
        }
    }

    @Test
    void versionComesFromTheBuild() throws Exception {
        try (DemoProcess demo = DemoProcess.run("--version")) {
            assertEquals(0, demo.awaitExit(), demo.report());
            assertTrue(demo.out().get(0).matches("aioloop-demo \\d+\\.\\d+\\.\\d+.*"), demo.report());
        }
    }

    @Test
    void badOptionsAreRefusedWithWhatToDo() throws Exception {
        try (DemoProcess demo = DemoProcess.run("fork", "--interrupt-after", "-1")) {
            assertEquals(2, demo.awaitExit(), demo.report());
            assertTrue(demo.err().get(0).contains("give a positive number of seconds"), demo.report());
        }
        try (DemoProcess demo = DemoProcess.run("stop", "--timeline=chart.png")) {
            assertEquals(2, demo.awaitExit(), demo.report());
            assertTrue(demo.err().get(0).contains("ending in .svg"), demo.report());
        }
    }
}
