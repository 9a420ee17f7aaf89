package launch;

import dev.aioloop.Asyncio;
import dev.aioloop.Loop;

/**
 * Runs one task and says where core was loaded from: in a package of its own, so that it stays
 * visible on the class path while core is a named module on the module path.
 */
public final class LaunchChild {
    private LaunchChild() {
    }

    public static void main(String[] args) throws Exception {
        Module core = Loop.class.getModule();
        System.out.println("core in " + (core.isNamed() ? "module " + core.getName() : "the unnamed module"));
        try {
            int answer = Asyncio.run(() -> {
                Asyncio.sleep(0.01);
                return 42;
            });
            System.out.println("task returned " + answer);
        } catch (UnsupportedOperationException e) {
            System.out.println("task failed: " + e.getMessage());
        }
    }
}
