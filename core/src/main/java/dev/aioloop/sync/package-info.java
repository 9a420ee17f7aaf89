/**
 * asyncio's synchronization primitives for tasks of one loop: {@link dev.aioloop.sync.Lock},
 * {@link dev.aioloop.sync.Event}, {@link dev.aioloop.sync.Condition},
 * {@link dev.aioloop.sync.Semaphore}, {@link dev.aioloop.sync.BoundedSemaphore} and
 * {@link dev.aioloop.sync.Barrier}. Not thread-safe, like the loop: each is bound to the loop of its
 * first wait. Waiters are served first come first served, and one cancelled at the moment it is
 * woken hands the wake-up to the next.
 */
package dev.aioloop.sync;
