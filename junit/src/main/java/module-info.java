/**
 * asyncio tests in JUnit 5: {@link dev.aioloop.junit.AsyncioTest} runs a test method as a task on a
 * fresh loop of its own, with virtual time on request, and fails the test for every error its loop saw.
 */
module dev.aioloop.junit {
    requires transitive dev.aioloop.core;
    requires transitive org.junit.jupiter.api;

    exports dev.aioloop.junit;
}
