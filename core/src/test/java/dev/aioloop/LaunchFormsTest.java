package dev.aioloop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import launch.LaunchChild;
import org.junit.jupiter.api.Test;

/**
 * Core works on the class path and on the module path, each with its own spelling of the flag that
 * continuations need; without it, the error names the spelling that fits where core runs.
 */
class LaunchFormsTest {
    private static final String CONTINUATIONS_MISSING = "task failed: aioloop runs tasks as JDK continuations: "
            + "start the JVM with --add-exports java.base/jdk.internal.vm=";

    @Test
    void onTheClassPathWithTheFlagTasksRun() throws Exception {
        assertOutput(ChildJvm.start(true, LaunchChild.class), "core in the unnamed module", "task returned 42");
    }

    @Test
    void onTheClassPathWithoutTheFlagTheErrorNamesAllUnnamed() throws Exception {
        assertOutput(ChildJvm.start(false, LaunchChild.class), "core in the unnamed module",
                CONTINUATIONS_MISSING + "ALL-UNNAMED");
    }

    @Test
    void onTheModulePathWithTheModulesFlagTasksRun() throws Exception {
        assertOutput(ChildJvm.startOnModulePath(true, LaunchChild.class), "core in module dev.aioloop.core",
                "task returned 42");
    }

    @Test
    void onTheModulePathWithoutTheFlagTheErrorNamesTheModule() throws Exception {
        assertOutput(ChildJvm.startOnModulePath(false, LaunchChild.class), "core in module dev.aioloop.core",
                CONTINUATIONS_MISSING + "dev.aioloop.core");
    }

    private static void assertOutput(ChildJvm started, String... lines) {
        try (ChildJvm child = started) {
            assertEquals(0, child.awaitExit(), child.describe());
            assertEquals(List.of(lines), child.out(), child.describe());
        }
    }
}
