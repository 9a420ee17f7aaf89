package dev.aioloop.netty;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aioloop.Asyncio;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Subprocess}: real child processes, their pipes read and written without blocking the loop. */
class SubprocessTest {
    static List<LoopKind> kinds() {
        return LoopKind.available();
    }

    private static String text(byte[] b) {
        return new String(b, US_ASCII);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void echoPrintsItsArgumentsAndExitsZero(LoopKind kind) throws Exception {
        List<Object> seen = kind.run(() -> {
            Subprocess child = Subprocess.createSubprocessExec("echo", "hello", "world");
            Integer before = child.returncode();
            byte[] out = child.stdout().read(-1);
            int status = child.waitFor();
            return Arrays.asList(before, text(out), status, child.returncode(), child.pid() > 0,
                    child.stderr().read(-1).length);
        });
        assertNull(seen.get(0), "no returncode before the exit");
        assertEquals(List.of("hello world\n", 0, 0, true, 0), seen.subList(1, seen.size()));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void catEchoesWhatItsStandardInputGetsLineByLineThenEndsAtItsEnd(LoopKind kind) throws Exception {
        List<Object> seen = kind.run(() -> {
            Subprocess cat = Subprocess.createSubprocessExec("cat");
            cat.stdin().write("one\n".getBytes(US_ASCII));
            cat.stdin().drain();
            // The answer comes while cat still runs: the loop went on while the pipe was read.
            String first = text(cat.stdout().readline());
            cat.stdin().writelines(List.of("two\n".getBytes(US_ASCII), "three".getBytes(US_ASCII)));
            cat.stdin().writeEof();
            String rest = text(cat.stdout().read(-1));
            cat.stdin().waitClosed();
            return List.of(first, rest, cat.waitFor(), cat.stdin().canWriteEof(), cat.stdin().peerName() == null);
        });
        assertEquals(List.of("one\n", "two\nthree", 0, true, true), seen);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void communicateFeedsTheInputAndCollectsBothOutputsOfALargeExchange(LoopKind kind) throws Exception {
        byte[] input = new byte[3 * 1024 * 1024];
        for (int i = 0; i < input.length; i++) {
            input[i] = (byte) ('a' + i % 26);
        }
        Subprocess.Output out = kind.run(() -> {
            // More than any pipe holds, both ways at once: it only ends if nothing blocks.
            Subprocess child = Subprocess.createSubprocessShell("cat; echo done >&2");
            return child.communicate(input);
        });
        assertEquals(input.length, out.stdout().length);
        assertTrue(Arrays.equals(input, out.stdout()));
        assertEquals("done\n", text(out.stderr()));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aChildWhoseOutputNobodyReadsWaitsOnItsFullPipeThenFinishesOnceRead(LoopKind kind) throws Exception {
        List<Object> seen = kind.run(() -> {
            Subprocess child = Subprocess.createSubprocessExec("head", "-c", "10000000", "/dev/zero");
            Asyncio.sleep(0.5);
            // Ten megabytes do not fit in what the reader, its thread and the pipe hold: still running.
            Integer whileUnread = child.returncode();
            int total = child.stdout().read(-1).length;
            return Arrays.asList(whileUnread, total, child.waitFor());
        });
        assertEquals(Arrays.asList(null, 10_000_000, 0), seen);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aNonZeroExitIsTheReturncodeWithItsStandardError(LoopKind kind) throws Exception {
        List<Object> seen = kind.run(() -> {
            Subprocess child = Subprocess.createSubprocessShell("echo oops >&2; exit 3");
            Subprocess.Output out = child.communicate(null);
            return List.of(text(out.stdout()), text(out.stderr()), child.returncode());
        });
        assertEquals(List.of("", "oops\n", 3), seen);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void killAndTerminateEndAChildThatWouldRunForAnHour(LoopKind kind) throws Exception {
        List<Integer> statuses = kind.run(() -> {
            Subprocess killed = Subprocess.createSubprocessExec("sleep", "3600");
            Subprocess terminated = Subprocess.createSubprocessExec("sleep", "3600");
            Asyncio.sleep(0.05);
            killed.kill();
            terminated.terminate();
            int k = killed.waitFor();
            int t = terminated.waitFor();
            // Once exited, both are no-ops.
            killed.kill();
            terminated.terminate();
            return List.of(k, t, killed.stdout().read(-1).length);
        });
        assertEquals(List.of(128 + 9, 128 + 15, 0), statuses);
    }

    @Test
    void aProgramThatDoesNotExistIsAnIoErrorNamingItAndTheShellSays127() throws Exception {
        IOException e = assertThrows(IOException.class,
                () -> Asyncio.run(() -> Subprocess.createSubprocessExec("no-such-program-aioloop", "x")));
        assertTrue(e.getMessage().contains("no-such-program-aioloop"), e.getMessage());
        List<Object> shell = Asyncio.run(() -> {
            Subprocess child = Subprocess.createSubprocessShell("no-such-program-aioloop");
            Subprocess.Output out = child.communicate(null);
            return List.of(child.returncode(), text(out.stderr()).contains("not found"));
        });
        assertEquals(List.of(127, true), shell);
    }

    @Test
    void aMissingCommandIsRefusedSayingWhatToGive() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> Asyncio.run(() -> Subprocess.createSubprocessExec()));
        assertEquals("createSubprocessExec([]): give the program and its arguments, e.g. (\"ls\", \"-l\")",
                none.getMessage());
        IllegalArgumentException nullArgument = assertThrows(IllegalArgumentException.class,
                () -> Asyncio.run(() -> Subprocess.createSubprocessExec("ls", null)));
        assertEquals("createSubprocessExec([ls, null]): give the program and its arguments, e.g. (\"ls\", \"-l\")",
                nullArgument.getMessage());
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> Asyncio.run(() -> Subprocess.createSubprocessShell(" ")));
        assertEquals("createSubprocessShell(\" \"): give the shell command line to run, e.g. \"ls -l | wc -l\"",
                blank.getMessage());
    }
}
