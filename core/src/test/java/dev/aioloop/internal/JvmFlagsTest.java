package dev.aioloop.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Where the missing flag goes, for each way of launching the JVM, as the JVM describes its launch
 * (sun.java.command, java.class.path). The launches themselves are tried in child JVMs by
 * LaunchFormsTest and by the sample project.
 */
class JvmFlagsTest {
    private static final String FLAG = "--add-exports java.base/jdk.internal.vm=ALL-UNNAMED";

    @Test
    void aPlainLaunchGetsTheCommandLineFlag() {
        assertEquals("start the JVM with " + FLAG,
                JvmFlags.whereTheFlagGoes("app.Main arg", "target/classes:lib/netty.jar", false, false));
    }

    @Test
    void aJarLaunchGetsTheManifestLineAndTheFlag() {
        assertEquals("add the line 'Add-Exports: java.base/jdk.internal.vm' to the manifest of target/app.jar, "
                + "or start the JVM with " + FLAG,
                JvmFlags.whereTheFlagGoes("target/app.jar serve 8080", "target/app.jar", false, false));
    }

    @Test
    void aSurefireForkGetsTheArgLineThoughItIsAJarLaunch() {
        assertEquals("add " + FLAG + " to the <argLine> of maven-surefire-plugin (or maven-failsafe-plugin)",
                JvmFlags.whereTheFlagGoes("/tmp/surefire1/surefirebooter-2026.jar /tmp/surefire1 x", "target/test-classes:"
                        + "target/classes", false, false));
    }

    @Test
    void mavensOwnJvmGetsJvmConfig() {
        assertEquals("this runs in Maven's own JVM (exec:java): put " + FLAG + " in .mvn/jvm.config (or MAVEN_OPTS)",
                JvmFlags.whereTheFlagGoes("org.codehaus.plexus.classworlds.launcher.Launcher exec:java",
                        "/usr/share/maven/boot/plexus-classworlds-2.x.jar", true, false));
    }

    @Test
    void aGradleWorkerGetsJvmArgs() {
        assertEquals("add jvmArgs(\"--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED\") to the Gradle task that runs this",
                JvmFlags.whereTheFlagGoes("worker.org.gradle.process.internal.worker.GradleWorkerMain 'Gradle Test Executor 1'",
                        "/home/u/.gradle/caches/gradle-worker.jar", false, false));
    }

    @Test
    void theMessageNamesTheReadmeSection() {
        assertTrue(JvmFlags.missingContinuationFlag().endsWith("(" + JvmFlags.README_SECTION
                + " shows it for each way of launching Java)"), JvmFlags.missingContinuationFlag());
    }
}
