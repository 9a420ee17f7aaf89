package dev.aioloop.internal;

/**
 * The JVM flag that lets {@link ContinuationBridge} load, spelled for where this code runs: its own
 * module's name on the module path, {@code ALL-UNNAMED} on the class path. Apart from the bridge, so
 * that reading it loads nothing that needs the flag. Internal, not API.
 */
public final class JvmFlags {
    private JvmFlags() {
    }

    /** {@code --add-exports java.base/jdk.internal.vm=READER}, READER being the module this code is in. */
    public static String continuationFlag() {
        Module module = JvmFlags.class.getModule();
        return "--add-exports java.base/jdk.internal.vm=" + (module.isNamed() ? module.getName() : "ALL-UNNAMED");
    }
}
