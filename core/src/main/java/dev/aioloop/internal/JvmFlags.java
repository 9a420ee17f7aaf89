package dev.aioloop.internal;

import java.io.File;

/**
 * The JVM flag that lets {@link ContinuationBridge} load, spelled for where this code runs: its own
 * module's name on the module path, {@code ALL-UNNAMED} on the class path. Apart from the bridge, so
 * that reading it loads nothing that needs the flag. Internal, not API.
 */
public final class JvmFlags {
    /** The README section that shows where the flag goes for each way of launching the JVM. */
    public static final String README_SECTION = "'Using aioloop in your project' in aioloop's README.md";

    private static final String EXPORT = "java.base/jdk.internal.vm";

    private JvmFlags() {
    }

    /** {@code --add-exports java.base/jdk.internal.vm=READER}, READER being the module this code is in. */
    public static String continuationFlag() {
        return "--add-exports " + EXPORT + "=" + reader();
    }

    private static String reader() {
        Module module = JvmFlags.class.getModule();
        return module.isNamed() ? module.getName() : "ALL-UNNAMED";
    }

    /**
     * What to do when the flag is missing, for the way this JVM was launched: the manifest line for a
     * {@code java -jar} of the application's jar, the plugin setting inside a Maven test fork or
     * Maven's own JVM, the command-line flag otherwise; and where the README shows every case.
     */
    public static String missingContinuationFlag() {
        return "aioloop runs tasks as JDK continuations: " + whereTheFlagGoes(System.getProperty("sun.java.command"),
                System.getProperty("java.class.path"), System.getProperty("maven.home") != null, JvmFlags.class.getModule().isNamed())
                + " (" + README_SECTION + " shows it for each way of launching Java)";
    }

    /** The advice itself, from what the JVM says of its launch; apart so that each case can be tested. */
    static String whereTheFlagGoes(String command, String classPath, boolean inMaven, boolean onModulePath) {
        String flag = "--add-exports " + EXPORT + "=" + (onModulePath ? reader() : "ALL-UNNAMED");
        String jar = launchedJar(command, classPath);
        // Surefire starts its fork with java -jar on a booter jar of its own, then sets java.class.path
        // to the tests' class path: the manifest advice would be wrong there.
        if (command != null && command.contains("surefirebooter")) {
            return "add " + flag + " to the <argLine> of maven-surefire-plugin (or maven-failsafe-plugin)";
        }
        if (command != null && command.startsWith("worker.org.gradle.")) {
            return "add jvmArgs(\"" + flag.replace(' ', '=') + "\") to the Gradle task that runs this";
        }
        if (inMaven) {
            return "this runs in Maven's own JVM (exec:java): put " + flag + " in .mvn/jvm.config (or MAVEN_OPTS)";
        }
        if (jar != null && !onModulePath) {
            return "add the line 'Add-Exports: " + EXPORT + "' to the manifest of " + jar
                    + ", or start the JVM with " + flag;
        }
        return "start the JVM with " + flag;
    }

    /** The jar given to {@code java -jar}, or null: then the class path is that jar and the command starts with it. */
    private static String launchedJar(String command, String classPath) {
        if (command == null || classPath == null || classPath.isEmpty() || classPath.contains(File.pathSeparator)
                || !classPath.endsWith(".jar")) {
            return null;
        }
        return command.equals(classPath) || command.startsWith(classPath + " ") ? classPath : null;
    }
}
