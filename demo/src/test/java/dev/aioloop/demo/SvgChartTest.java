package dev.aioloop.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgChartTest {
    private static final String SVG = "http://www.w3.org/2000/svg";

    @Test
    void isWellFormedWithOneRowPerTaskAndNamesEscaped() throws Exception {
        List<TaskLife> lives = List.of(
                new TaskLife("<c1 & \"co\">", 0, List.of(new TaskLife.Step(0, 0.001)), 0.001),
                new TaskLife("bell\u0007", 0.5, List.of(), Double.NaN));
        String svg = SvgChart.render(lives, 2);

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        NodeList groups = doc.getElementsByTagNameNS(SVG, "g");
        assertEquals(2, groups.getLength());
        assertEquals("<c1 & \"co\">", label(groups.item(0)));
        assertEquals("bell?", label(groups.item(1)));
        // The pending task has no end mark; the other one has.
        assertEquals(2, ((Element) groups.item(0)).getElementsByTagNameNS(SVG, "line").getLength());
        assertEquals(1, ((Element) groups.item(1)).getElementsByTagNameNS(SVG, "line").getLength());
    }

    private static String label(org.w3c.dom.Node group) {
        return ((Element) group).getElementsByTagNameNS(SVG, "text").item(0).getTextContent();
    }
}
