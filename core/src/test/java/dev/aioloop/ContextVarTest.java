package dev.aioloop;

import static dev.aioloop.Asyncio.await;
import static dev.aioloop.Asyncio.createTask;
import static dev.aioloop.Asyncio.gather;
import static dev.aioloop.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aioloop.ContextVar.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** ContextVar and Context: asyncio's contextvars rules for tasks, callbacks and threads. */
class ContextVarTest extends AbstractLoopTest {
    private static final ContextVar<String> REQUEST = new ContextVar<>("request", "-");
    private static final ContextVar<Integer> DEPTH = new ContextVar<>("depth");

    @Test
    void getGivesTheValueSetThenTheDefaultsAndResetPutsBackThePreviousValue() throws Exception {
        loop.runUntilComplete(() -> {
            assertEquals("-", REQUEST.get());
            assertEquals(0, DEPTH.get(0));
            NoSuchElementException unset = assertThrows(NoSuchElementException.class, DEPTH::get);
            assertTrue(unset.getMessage().contains("'depth' is not set") && unset.getMessage().contains("get(default)"),
                    unset.getMessage());

            Token<String> first = REQUEST.set("r-1");
            Token<String> second = REQUEST.set("r-2");
            assertEquals("r-2", REQUEST.get());
            assertEquals("r-2", REQUEST.get("other"));
            REQUEST.reset(second);
            assertEquals("r-1", REQUEST.get());
            REQUEST.reset(first);
            assertEquals("-", REQUEST.get(), "not set any more: the default again");
            assertEquals("fallback", REQUEST.get("fallback"));
            assertSame(REQUEST, first.var());

            REQUEST.set(null);
            assertNull(REQUEST.get(), "null is a value like any other");
        });
    }

    @Test
    void siblingTasksAreIsolatedAndChildrenInheritTheirCreatorsValues() throws Exception {
        List<String> seen = loop.runUntilComplete(() -> {
            REQUEST.set("parent");
            List<String> out = new CopyOnWriteArrayList<>();
            Task<Void> a = createTask(() -> {
                out.add("a sees " + REQUEST.get());
                REQUEST.set("a");
                sleep(0);
                Task<Void> child = createTask(() -> {
                    out.add("a's child sees " + REQUEST.get());
                });
                await(child);
                out.add("a keeps " + REQUEST.get());
            });
            Task<Void> b = createTask(() -> {
                out.add("b sees " + REQUEST.get());
                sleep(0);
                sleep(0);
                out.add("b still sees " + REQUEST.get());
            });
            REQUEST.set("parent, later");
            await(gather(a, b));
            out.add("parent keeps " + REQUEST.get());
            return out;
        });

        assertEquals(List.of("a sees parent", "b sees parent", "a's child sees a", "b still sees parent",
                "a keeps a", "parent keeps parent, later"), seen);
    }

    @Test
    void aTaskMadeBeforeAnyVariableIsSetRunsInAnEmptyContextOfItsOwn() throws Exception {
        Task<String> first = loop.createTask(() -> {
            REQUEST.set("first");
            sleep(0);
            return REQUEST.get();
        });
        Task<String> second = loop.createTask(() -> {
            sleep(0);
            return REQUEST.get();
        });

        assertEquals(List.of("first", "-"), loop.runUntilComplete(gather(first, second)));
    }

    @Test
    void callbacksRunInACopyOfTheContextCurrentWhenTheyWereScheduled() throws Exception {
        List<String> seen = new ArrayList<>();
        loop.runUntilComplete(() -> {
            REQUEST.set("at callSoon");
            loop.callSoon(() -> {
                seen.add("soon " + REQUEST.get());
                REQUEST.set("changed by the callback");
            });
            REQUEST.set("at callLater");
            loop.callLater(0.001, () -> seen.add("later " + REQUEST.get()));
            REQUEST.set("at addDoneCallback");
            Future<Void> f = loop.createFuture();
            f.addDoneCallback(x -> seen.add("done callback " + REQUEST.get()));
            REQUEST.set("after");
            f.setResult(null);
            sleep(0.01);
            seen.add("task " + REQUEST.get());
        });
        loop.callSoon(() -> seen.add("unset " + REQUEST.get()));
        loop.runUntilComplete(() -> sleep(0));

        assertEquals(List.of("soon at callSoon", "done callback at addDoneCallback", "later at callLater", "task after",
                "unset -"), seen);
    }

    @Test
    void callSoonThreadsafeCarriesTheCallingThreadsContext() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        Future<Void> done = loop.createFuture();
        Thread other = Thread.ofPlatform().start(() -> {
            REQUEST.set("from the other thread");
            loop.callSoonThreadsafe(() -> {
                seen.set(REQUEST.get());
                done.setResult(null);
            });
        });
        loop.runUntilComplete(done);
        other.join();

        assertEquals("from the other thread", seen.get());
        assertEquals("-", REQUEST.get(), "this thread's own context never had it");
    }

    @Test
    void toThreadRunsTheCallInACopyOfTheTasksContextAndRunInExecutorDoesNot() throws Exception {
        List<String> seen = loop.runUntilComplete(() -> {
            REQUEST.set("task");
            String inThread = Asyncio.toThread(() -> {
                String v = REQUEST.get();
                REQUEST.set("set in the thread");
                return v;
            });
            String inExecutor = await(loop.runInExecutor(null, REQUEST::get));
            return List.of(inThread, inExecutor, REQUEST.get());
        });
        assertEquals(List.of("task", "-", "task"), seen);
    }

    @Test
    void contextRunEntersTheContextAndKeepsWhatItSetsThere() throws Exception {
        Token<String> mine = REQUEST.set("main thread");
        try {
            Context ctx = Context.copyCurrent();
            REQUEST.set("changed after the copy");
            assertEquals("main thread", ctx.run(REQUEST::get));
            ctx.run(() -> REQUEST.set("inside"));
            assertEquals("inside", ctx.run(REQUEST::get));
            assertEquals("changed after the copy", REQUEST.get());
            assertTrue(ctx.toString().contains("request=inside"), ctx.toString());

            IllegalStateException twice = assertThrows(IllegalStateException.class,
                    () -> ctx.run(() -> ctx.run(() -> 1)));
            assertTrue(twice.getMessage().contains("already entered"), twice.getMessage());
            IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> ctx.run(null));
            assertTrue(none.getMessage().contains("pass the code"), none.getMessage());
        } finally {
            REQUEST.reset(mine);
        }
    }

    @Test
    void contextRunInsideATaskSwitchesOnlyForItsDuration() throws Exception {
        String after = loop.runUntilComplete(() -> {
            REQUEST.set("task");
            Context other = Context.copyCurrent();
            other.run(() -> REQUEST.set("other"));
            assertEquals("other", other.run(REQUEST::get));
            Task<String> child = other.run(() -> createTask(() -> REQUEST.get()));
            assertEquals("other", await(child), "a task made inside run() copies that context");
            return REQUEST.get();
        });
        assertEquals("task", after);
    }

    @Test
    void createTaskWithAContextRunsInThatContextItself() throws Exception {
        Context shared = Context.copyCurrent();
        loop.runUntilComplete(loop.createTask(() -> {
            REQUEST.set("set by the task");
        }, "writer", shared));

        assertEquals("set by the task", shared.run(REQUEST::get));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loop.createTask(() -> 1, "x", (Context) null));
        assertTrue(e.getMessage().contains("pass a Context"), e.getMessage());
    }

    @Test
    void resetRefusesATokenOfAnotherVariableAnotherContextOrUsedTwice() throws Exception {
        loop.runUntilComplete(() -> {
            Token<String> token = REQUEST.set("x");
            ContextVar<String> other = new ContextVar<>("other");
            @SuppressWarnings({"unchecked", "rawtypes"})
            IllegalArgumentException wrongVar = assertThrows(IllegalArgumentException.class,
                    () -> other.reset((Token) token));
            assertTrue(wrongVar.getMessage().contains("made by ContextVar 'request'"), wrongVar.getMessage());

            Task<Void> elsewhere = createTask(() -> {
                REQUEST.reset(token);
            });
            try {
                await(elsewhere);
            } catch (IllegalArgumentException wrongContext) {
                assertTrue(wrongContext.getMessage().contains("another context"), wrongContext.getMessage());
            }
            assertTrue(elsewhere.exception() instanceof IllegalArgumentException);

            REQUEST.reset(token);
            IllegalStateException twice = assertThrows(IllegalStateException.class, () -> REQUEST.reset(token));
            assertTrue(twice.getMessage().contains("already been used"), twice.getMessage());
            IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> REQUEST.reset(null));
            assertTrue(none.getMessage().contains("pass the Token"), none.getMessage());
        });
    }

    @Test
    void aVariableNeedsAName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ContextVar<String>(null));
        assertTrue(e.getMessage().contains("give the variable a name"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ContextVar<>(null, "d"));
        assertEquals("<ContextVar name='request' default=->", REQUEST.toString());
    }

    @Test
    void eachThreadHasAContextOfItsOwn() throws Exception {
        Token<String> mine = REQUEST.set("main");
        try {
            AtomicReference<String> seen = new AtomicReference<>();
            Thread t = Thread.ofPlatform().start(() -> seen.set(REQUEST.get()));
            t.join();
            assertEquals("-", seen.get());
        } finally {
            REQUEST.reset(mine);
        }
    }
}
