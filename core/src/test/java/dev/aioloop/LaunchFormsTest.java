package dev.aioloop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aioloop.internal.JvmFlags;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import launch.LaunchChild;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Core works on the class path, on the module path and from a runnable jar, each with its own
 * spelling of the flag that continuations need; without it, the error gives the spelling that fits
 * the launch and points at the README's section on launch paths.
 */
class LaunchFormsTest {
    private static final String CONTINUATIONS_MISSING = "task failed: aioloop runs tasks as JDK continuations: ";
    private static final String SEE_README = " (" + JvmFlags.README_SECTION + " shows it for each way of launching Java)";

    @TempDir
    Path dir;

    @Test
    void onTheClassPathWithTheFlagTasksRun() throws Exception {
        assertOutput(ChildJvm.start(true, LaunchChild.class), "core in the unnamed module", "task returned 42");
    }

    @Test
    void onTheClassPathWithoutTheFlagTheErrorNamesAllUnnamed() throws Exception {
        assertOutput(ChildJvm.start(false, LaunchChild.class), "core in the unnamed module",
                CONTINUATIONS_MISSING + "start the JVM with --add-exports java.base/jdk.internal.vm=ALL-UNNAMED" + SEE_README);
    }

    @Test
    void onTheModulePathWithTheModulesFlagTasksRun() throws Exception {
        assertOutput(ChildJvm.startOnModulePath(true, LaunchChild.class), "core in module dev.aioloop.core",
                "task returned 42");
    }

    @Test
    void onTheModulePathWithoutTheFlagTheErrorNamesTheModule() throws Exception {
        assertOutput(ChildJvm.startOnModulePath(false, LaunchChild.class), "core in module dev.aioloop.core",
                CONTINUATIONS_MISSING + "start the JVM with --add-exports java.base/jdk.internal.vm=dev.aioloop.core"
                        + SEE_README);
    }

    @Test
    void aRunnableJarWhoseManifestExportsTheModuleRunsTasks() throws Exception {
        Path jar = runnableJar("with-exports.jar", true);
        assertOutput(ChildJvm.startJar(List.of(), jar), "core in the unnamed module", "task returned 42");
    }

    @Test
    void aRunnableJarWithoutTheManifestLineGetsThatLineInTheError() throws Exception {
        Path jar = runnableJar("without-exports.jar", false);
        assertOutput(ChildJvm.startJar(List.of(), jar), "core in the unnamed module",
                CONTINUATIONS_MISSING + "add the line 'Add-Exports: java.base/jdk.internal.vm' to the manifest of " + jar
                        + ", or start the JVM with --add-exports java.base/jdk.internal.vm=ALL-UNNAMED" + SEE_README);
    }

    /** A jar of nothing but a manifest: the child's main class, and this JVM's class path as its Class-Path. */
    private Path runnableJar(String name, boolean addExports) throws Exception {
        List<String> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toString());
        }
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, LaunchChild.class.getName());
        main.put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
        if (addExports) {
            main.putValue("Add-Exports", "java.base/jdk.internal.vm");
        }
        Path jar = dir.resolve(name);
        // The manifest is the whole jar.
        new JarOutputStream(Files.newOutputStream(jar), manifest).close();
        return jar;
    }

    private static void assertOutput(ChildJvm started, String... lines) {
        try (ChildJvm child = started) {
            assertEquals(0, child.awaitExit(), child.describe());
            assertEquals(List.of(lines), child.out(), child.describe());
        }
    }
}
