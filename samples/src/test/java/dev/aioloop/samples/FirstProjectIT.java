package dev.aioloop.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's "Using aioloop in your project", tried on a newcomer's project
 * ({@code src/it/first-project}): built by Maven against this build's jars, then run on each launch
 * path the README names, each in a process of its own.
 *
 * <p>The sample's Maven gets a local repository of its own, under {@code target}, holding this
 * build's aioloop artifacts laid out as installed ones (copied from the reactor's jars and poms, so
 * that nothing is installed into the shared repository); everything else it takes from this build's
 * local repository, declared to it as a {@code file:} repository, and from Maven Central only where
 * that lacks something and this build is online. An offline build keeps the sample offline too,
 * with {@code file:} repositories still allowed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstProjectIT {
    private static final long PATIENCE_SECONDS = 600;
    private static final String ECHOED = "echoed: hello from aioloop";

    private static Path project;
    private static Path repository;
    private static Path settings;

    @BeforeAll
    static void layOut() throws IOException {
        Path work = Path.of(System.getProperty("sample.work"));
        project = work.resolve("first-project");
        repository = work.resolve("repository");
        deleteTree(project);
        copyTree(Path.of(System.getProperty("sample.project")), project);
        String version = System.getProperty("aioloop.version");
        Path pom = project.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("@aioloop.version@", version));

        Path root = Path.of(System.getProperty("aioloop.root"));
        installed(root.resolve("pom.xml"), null, "aioloop-parent", version);
        installed(root.resolve("core/pom.xml"), root.resolve("core/target/aioloop-core-" + version + ".jar"),
                "aioloop-core", version);
        installed(root.resolve("netty-adapter/pom.xml"),
                root.resolve("netty-adapter/target/aioloop-netty-" + version + ".jar"), "aioloop-netty", version);

        settings = work.resolve("settings.xml");
        String outer = Path.of(System.getProperty("outer.repository")).toUri().toString();
        String repo = "<id>outer-build</id><url>" + outer + "</url>"
                + "<releases><checksumPolicy>ignore</checksumPolicy></releases>"
                + "<snapshots><enabled>false</enabled></snapshots>";
        Files.writeString(settings, "<settings><profiles><profile><id>outer-build</id>"
                + "<repositories><repository>" + repo + "</repository></repositories>"
                + "<pluginRepositories><pluginRepository>" + repo + "</pluginRepository></pluginRepositories>"
                + "</profile></profiles><activeProfiles><activeProfile>outer-build</activeProfile></activeProfiles>"
                + "</settings>");
    }

    @Test
    @Order(1)
    void mvnVerifyRunsTheUnitTestsWithSurefiresArgLineAndTheIntegrationTestsWithFailsafes() throws Exception {
        Result verify = mvn("verify");

        assertEquals(0, verify.status, verify.output);
        assertTrue(Files.readString(project.resolve("target/surefire-reports/sample.HelloTest.txt"))
                .contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0"), verify.output);
        assertTrue(Files.readString(project.resolve("target/failsafe-reports/sample.HelloIT.txt"))
                .contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0"), verify.output);
        assertTrue(Files.exists(project.resolve("target/first-project-app.jar")), verify.output);
    }

    @Test
    @Order(2)
    void execJavaRunsInMavensJvmWithTheFlagFromJvmConfig() throws Exception {
        Result run = mvn("exec:java");

        assertEquals(0, run.status, run.output);
        assertEquals(List.of(ECHOED), run.lines(), run.output);
    }

    @Test
    @Order(2)
    void execExecStartsAJvmWithTheFlagAmongItsArguments() throws Exception {
        Result run = mvn("exec:exec", "-Dexec.executable=java",
                "-Dexec.args=--add-exports java.base/jdk.internal.vm=ALL-UNNAMED -classpath %classpath sample.Hello");

        assertEquals(0, run.status, run.output);
        assertEquals(List.of(ECHOED), run.lines(), run.output);
    }

    @Test
    @Order(3)
    void theShadedJarRunsWithJavaJarThanksToItsManifest() throws Exception {
        Result run = java("-jar", "target/first-project-app.jar");

        assertEquals(0, run.status, run.output);
        assertEquals(List.of(ECHOED), run.lines(), run.output);
    }

    @Test
    @Order(3)
    void aPlainJavaCommandAsAnIdeRunsItWithTheFlagAsAVmOption() throws Exception {
        Result run = java("--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED", "-cp", "target/first-project-app.jar",
                "sample.Hello");

        assertEquals(0, run.status, run.output);
        assertEquals(List.of(ECHOED), run.lines(), run.output);
    }

    @Test
    @Order(3)
    void withoutTheFlagTheErrorGivesItAndPointsAtTheReadme() throws Exception {
        Result run = java("-cp", "target/first-project-app.jar", "sample.Hello");

        assertEquals(1, run.status, run.output);
        assertTrue(run.output.contains("java.lang.UnsupportedOperationException: aioloop runs tasks as JDK continuations: "
                + "start the JVM with --add-exports java.base/jdk.internal.vm=ALL-UNNAMED ('Using aioloop in your project' "
                + "in aioloop's README.md shows it for each way of launching Java)"), run.output);
    }

    /** What a process printed (stdout and stderr together) and how it ended. */
    private record Result(int status, String output) {
        /**
         * The output's lines, less what Maven's JVM prints about itself: the JDK's warnings about the
         * libraries Maven runs on, and the colour resets of its console library.
         */
        List<String> lines() {
            return output.lines().map(l -> l.replaceAll("\u001b\\[[0-9;]*m", ""))
                    .filter(l -> !l.startsWith("WARNING:") && !l.isBlank()).toList();
        }
    }

    private static Result mvn(String... goalAndProperties) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("sample.maven.home"), "bin", "mvn")
                .toString(), "-B", "-q", "-s", settings.toString(), "-Dmaven.repo.local=" + repository));
        if (System.getProperty("outer.mode").equals("offline=true")) {
            command.addAll(List.of("-o", "-Daether.offline.protocols=file"));
        }
        command.addAll(List.of(goalAndProperties));
        return run(command);
    }

    private static Result java(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(args));
        return run(command);
    }

    /** Runs {@code command} in the sample project, with this JDK 25 as JAVA_HOME and first on the PATH. */
    private static Result run(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        String javaHome = System.getProperty("java.home");
        env.put("JAVA_HOME", javaHome);
        env.put("PATH", Path.of(javaHome, "bin") + java.io.File.pathSeparator + env.getOrDefault("PATH", ""));
        env.remove("MAVEN_OPTS");
        env.remove("MAVEN_ARGS");
        env.remove("JAVA_TOOL_OPTIONS");
        Path log = Files.createTempFile(project.getParent(), "process", ".log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        if (!process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not end within " + PATIENCE_SECONDS + " s: "
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Lays {@code jar} (none for a pom) and {@code pom} out in the sample's repository as {@code mvn install} would. */
    private static void installed(Path pom, Path jar, String artifactId, String version) throws IOException {
        Path dir = repository.resolve("dev/aioloop").resolve(artifactId).resolve(version);
        Files.createDirectories(dir);
        Files.copy(pom, dir.resolve(artifactId + "-" + version + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            Files.copy(jar, dir.resolve(artifactId + "-" + version + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
