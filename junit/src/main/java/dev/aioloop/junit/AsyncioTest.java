package dev.aioloop.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test whose body runs as a task on a fresh standalone loop made for it, set as the event loop of
 * the thread that runs it: the body calls {@code sleep}, {@code await}, {@code taskGroup} and
 * {@code timeout} directly, and a parameter of type {@link dev.aioloop.Loop} gets the loop. The
 * class's {@code @BeforeEach} and {@code @AfterEach} methods run as tasks on the same loop. What the
 * test leaves running is cancelled and awaited afterwards, and every error that reached the loop's
 * exception handler fails the test: see {@link AsyncioExtension}.
 *
 * <pre>{@code
 * @AsyncioTest(virtualTime = true)
 * void retriesWithBackOff() throws Exception {
 *     double start = Asyncio.getRunningLoop().time();
 *     assertEquals("ok", retry(flakyCall(3), 5));   // sleeps 1 + 2 + 4 s, in microseconds
 *     assertEquals(7, Asyncio.getRunningLoop().time() - start, 1e-3);
 * }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@ExtendWith(AsyncioExtension.class)
public @interface AsyncioTest {
    /**
     * Whether the loop's clock is virtual ({@link dev.aioloop.Asyncio#newVirtualTimeLoop()}): when
     * the loop has nothing ready, and nothing outside it could make work ready, the clock jumps to
     * the next timer instead of waiting. {@link VirtualTime} moves it on purpose.
     */
    boolean virtualTime() default false;

    /**
     * Seconds of wall-clock time the test may take, its {@code @BeforeEach} and {@code @AfterEach}
     * methods included; past them it fails with the state of every task of its loop, even while the
     * loop's thread is blocked.
     */
    double timeout() default 30;
}
