package dev.aioloop.junit;

import dev.aioloop.Coroutine;
import dev.aioloop.ErrorContext;
import dev.aioloop.Loop;
import dev.aioloop.Task;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

/**
 * Runs each test of a class as a task on a fresh standalone loop of its own, as asyncio's
 * {@code IsolatedAsyncioTestCase} does: what {@link AsyncioTest} registers, and what
 * {@code @ExtendWith(AsyncioExtension.class)} on a class gives its plain {@code @Test} methods with
 * {@link AsyncioTest}'s defaults.
 *
 * <ul>
 * <li>Before each test, a loop (on virtual time if asked) and a thread of the extension's own to run
 *     it; the loop is that thread's event loop. Each {@code @BeforeEach} method, the test method and
 *     each {@code @AfterEach} method run there, one after the other, each as a task of that loop
 *     named after it ({@code @BeforeEach setUp()}), with {@code runUntilComplete}: tasks they start
 *     run during the later phases too. A {@link Loop} parameter of any of them gets the loop.</li>
 * <li>After the {@code @AfterEach} methods, the tasks still live are cancelled and awaited (their
 *     {@code finally} blocks run), then the loop is closed.</li>
 * <li>The test fails if any error reached the loop's exception handler during it (a callback that
 *     threw, an observer that threw), if a task failed while being cancelled at the end, or if a
 *     task's failure was never retrieved by the end (checked then, not left to the garbage
 *     collector): the first error is the failure's cause, the others are suppressed, each names its
 *     task. A test that replaces the loop's exception handler or task observer takes that over.</li>
 * <li>Past the test's {@link AsyncioTest#timeout() timeout} of wall-clock time (before-each and
 *     after-each methods included), the JUnit thread fails it with a {@link java.util.concurrent.TimeoutException}
 *     that lists the tasks of the loop and what each was last seen doing; if the loop's thread does not
 *     answer (a callback blocked in plain Java code), the message also carries that thread's stack, the
 *     thread is interrupted and left to finish the shutdown by itself.</li>
 * </ul>
 *
 * <p>{@code @TestFactory} methods and dynamic tests run as JUnit runs them, not on the loop.
 */
public final class AsyncioExtension
        implements BeforeEachCallback, AfterEachCallback, InvocationInterceptor, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AsyncioExtension.class);

    /** Made by JUnit, for {@code @ExtendWith}. */
    public AsyncioExtension() {
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Optional<AsyncioTest> settings = AnnotationSupport.findAnnotation(context.getTestMethod(), AsyncioTest.class);
        boolean virtualTime = settings.map(AsyncioTest::virtualTime).orElse(false);
        double timeout = settings.map(AsyncioTest::timeout).orElse(30.0);
        if (!(timeout > 0)) {
            throw new IllegalArgumentException("@AsyncioTest(timeout = " + timeout + "): give a number of seconds above 0");
        }
        String name = context.getRequiredTestMethod().getName() + "()";
        context.getStore(NAMESPACE).put(TestLoop.class, new TestLoop(name, virtualTime, timeout));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        TestLoop test = context.getStore(NAMESPACE).remove(TestLoop.class, TestLoop.class);
        if (test == null) {
            return;
        }
        List<ErrorContext> errors = asException(test::close);
        if (!errors.isEmpty()) {
            throw loopErrors(errors);
        }
    }

    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
            ExtensionContext context) throws Throwable {
        runOnLoop("@BeforeEach", invocation, method, context);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
            ExtensionContext context) throws Throwable {
        runOnLoop("@Test", invocation, method, context);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
            ExtensionContext context) throws Throwable {
        runOnLoop("@TestTemplate", invocation, method, context);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
            ExtensionContext context) throws Throwable {
        runOnLoop("@AfterEach", invocation, method, context);
    }

    private static void runOnLoop(String kind, Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
            ExtensionContext context) throws Throwable {
        TestLoop test = context.getStore(NAMESPACE).get(TestLoop.class, TestLoop.class);
        if (test == null) {
            invocation.proceed();
            return;
        }
        // Set by whichever comes first: the loop's thread starting the method, or the JUnit thread
        // giving up on a loop too stuck to ever start it. JUnit wants one or the other, exactly once.
        AtomicBoolean claimed = new AtomicBoolean();
        Coroutine<Void> body = () -> {
            if (claimed.getAndSet(true)) {
                return null;
            }
            return asException(invocation::proceed);
        };
        try {
            test.runPhase(kind + " " + method.getExecutable().getName() + "()", body);
        } finally {
            if (!claimed.getAndSet(true)) {
                invocation.skip();
            }
        }
    }

    /** What JUnit's own call throws, in a signature that throws no wider than {@code Exception}. */
    private static <T> T asException(Invocation<T> call) throws Exception {
        try {
            return call.proceed();
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new UndeclaredThrowableException(e);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Loop.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestLoop test = context.getStore(NAMESPACE).get(TestLoop.class, TestLoop.class);
        if (test == null) {
            throw new ParameterResolutionException("A Loop parameter is for @AsyncioTest methods and their @BeforeEach "
                    + "and @AfterEach methods, not for " + parameter.getDeclaringExecutable()
                    + ": each test gets its own loop");
        }
        return test.loop;
    }

    /** The failure for what reached the loop's exception handler: the first as the cause, the rest suppressed. */
    private static AssertionFailedError loopErrors(List<ErrorContext> errors) {
        StringBuilder msg = new StringBuilder(errors.size() == 1 ? "An error reached the loop's exception handler"
                : errors.size() + " errors reached the loop's exception handler").append(" during the test:");
        for (ErrorContext error : errors) {
            msg.append("\n  ").append(describe(error));
        }
        AssertionFailedError failure = new AssertionFailedError(msg.toString(), errors.getFirst().exception());
        for (ErrorContext error : errors.subList(1, errors.size())) {
            failure.addSuppressed(new AssertionFailedError(describe(error), error.exception()));
        }
        return failure;
    }

    private static String describe(ErrorContext error) {
        StringBuilder s = new StringBuilder(error.message());
        if (error.future() instanceof Task<?> task && !error.message().contains(task.getName())) {
            s.append(" (task ").append(task.getName()).append(')');
        }
        if (error.exception() != null) {
            s.append(": ").append(error.exception());
        }
        return s.toString();
    }
}
