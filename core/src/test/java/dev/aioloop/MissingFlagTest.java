package dev.aioloop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aioloop.internal.JvmFlags;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Without the JVM flag continuations need, the first task fails with an error naming the flag. */
class MissingFlagTest {

    @Test
    void withoutTheFlagTasksFailNamingItAndCallbacksStillRun() throws Exception {
        try (ChildJvm child = ChildJvm.start(false, MissingFlagChild.class)) {
            assertEquals(0, child.awaitExit(), child.describe());

            String failure = "failed: java.lang.UnsupportedOperationException: aioloop runs tasks as JDK "
                    + "continuations: start the JVM with " + JvmFlags.continuationFlag() + " (" + JvmFlags.README_SECTION
                    + " shows it for each way of launching Java)";
            assertEquals(List.of("task 1 " + failure, "task 2 " + failure, "callback ran", "end"), child.out(),
                    child.describe());
        }
    }
}
