package dev.aioloop.demo;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The asyncio notebook's cells, replayed on aioloop: one subcommand per scenario, each printing the
 * notebook's lines with its timer helpers; then an echo server and its client on asyncio streams.
 * With no argument, lists the subcommands.
 *
 * <pre>
 * java -jar demo/target/aioloop-demo.jar fork --interrupt-after 3.5 --timeline
 * </pre>
 *
 * <p>A new subcommand is a class of its own, added to the list below; scenarios of the notebook extend
 * {@link Scenario}, and {@code all} plays those in the order listed (the echo commands are no scenario).
 */
@Command(name = "aioloop-demo", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = Demo.Version.class,
        description = "The asyncio notebook's scenarios, replayed on aioloop's event loop; an echo server and client on its streams.",
        subcommands = {Sync.class, Fork.class, Stop.class, Nonempty.class, Threads.class, All.class,
                EchoServer.class, EchoClient.class, HttpServer.class, Blocked.class, Ps.class, Pstree.class})
public final class Demo implements Runnable {
    @Spec
    CommandSpec command;

    /** Runs the subcommand named in {@code args}; with none, lists them one per line. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Demo()).execute(args));
    }

    /** The version the jar's manifest gives (Maven's project version). */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Demo.class.getPackage().getImplementationVersion();
            return new String[] {"aioloop-demo " + (version != null ? version : "(not packaged)")};
        }
    }

    @Override
    public void run() {
        int width = 0;
        for (String name : command.subcommands().keySet()) {
            width = Math.max(width, name.length());
        }
        for (CommandLine sub : command.subcommands().values()) {
            String name = sub.getCommandName();
            String[] description = sub.getCommandSpec().usageMessage().description();
            System.out.println(name + " ".repeat(width + 2 - name.length()) + String.join(" ", description));
        }
    }
}
