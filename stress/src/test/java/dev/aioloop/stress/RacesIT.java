package dev.aioloop.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the module's jcstress races in quick mode, from the runnable jar as the README's full run
 * does: every outcome forbidden, every error and every hang fails the build. One JVM configuration
 * and no split compilation keep it to a minute on two cores; the full run varies both.
 */
class RacesIT {
    static final String FLAGS = "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --enable-native-access=ALL-UNNAMED";

    @Test
    void everyRaceEndsInADocumentedOutcome() throws IOException, InterruptedException {
        Path target = Path.of(System.getProperty("stress.jar")).getParent();
        Path log = target.resolve("jcstress-quick.log");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process run = new ProcessBuilder(List.of(java, "-jar", System.getProperty("stress.jar"),
                "-m", "quick", "-time", "1000", "-sc", "false", "-jvmArgs", FLAGS, "-v",
                "-r", target.resolve("jcstress-results").toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(run.waitFor(10, TimeUnit.MINUTES), "jcstress still running after 10 minutes; its output: " + log);
        String output = Files.readString(log);
        String results = output.contains("RUN RESULTS:") ? output.substring(output.lastIndexOf("RUN RESULTS:")) : output;
        assertEquals(0, run.exitValue(), "jcstress failed:\n" + results);
        assertTrue(output.contains("Results: 7 planned; 7 passed, 0 failed, 0 soft errs, 0 hard errs"),
                "expected the 7 races to pass:\n" + results);
    }
}
