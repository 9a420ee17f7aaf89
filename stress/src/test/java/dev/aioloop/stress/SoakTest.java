package dev.aioloop.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The soak at CI size: 1,000 connections for 10 s (the full one, 10,000 for 60 s, by stress/soak). */
class SoakTest {
    @Test
    void aThousandConnectionsForTenSecondsEchoEveryByteAndGiveEverythingBack() throws Exception {
        Soak.Report report = Soak.run(Integer.getInteger("soak.connections", 1000),
                Double.parseDouble(System.getProperty("soak.seconds", "10")));
        assertEquals(List.of(), report.problems(), report.toString());
        assertTrue(report.resets() > 0, "some clients reset mid-message: " + report);
    }
}
