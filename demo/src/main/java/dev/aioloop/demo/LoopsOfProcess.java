package dev.aioloop.demo;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import dev.aioloop.management.LoopsMXBean;
import java.io.IOException;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The asyncio loops of another JVM, read through its {@code dev.aioloop:type=Loops} MBean: attaches
 * with the JDK's attach API, starts the target's local management agent (a no-op if it runs), and
 * calls one operation over JMX. No agent is loaded into the target.
 */
final class LoopsOfProcess {
    /** A failure to tell the user in one line; the command exits with status 1. */
    static final class Unreachable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreachable(String message) {
            super(message);
        }
    }

    // Tenths of a second to wait for the MBean of a JVM whose first loop has just been made.
    private static final int REGISTRATION_WAITS = 10;

    private LoopsOfProcess() {
    }

    /** Calls {@code operation} (no arguments) on the Loops MBean of the JVM {@code pid}. */
    static Object call(long pid, String operation) throws Unreachable {
        String address;
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException | IOException e) {
            throw new Unreachable("PID " + pid + " is not a Java process this user can attach to (" + e.getMessage() + ")");
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            ObjectName loops = new ObjectName(LoopsMXBean.OBJECT_NAME);
            // The first loop registers the MBean from a thread of its own, a moment after it is made:
            // a JVM that has just made it gets that moment.
            for (int wait = 0; !server.isRegistered(loops) && wait < REGISTRATION_WAITS; wait++) {
                Thread.sleep(100);
            }
            return server.invoke(loops, operation, null, null);
        } catch (InstanceNotFoundException e) {
            throw new Unreachable("the Java process " + pid + " runs no aioloop loop (it has no "
                    + LoopsMXBean.OBJECT_NAME + " MBean)");
        } catch (Exception e) {
            throw new Unreachable("the Java process " + pid + " did not answer over JMX: " + e);
        }
    }
}
