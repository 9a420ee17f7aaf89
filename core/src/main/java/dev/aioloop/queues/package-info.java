/**
 * asyncio's queues for tasks of one loop: {@link dev.aioloop.queues.Queue} (first in, first out),
 * {@link dev.aioloop.queues.PriorityQueue} and {@link dev.aioloop.queues.LifoQueue}, with
 * {@code maxsize}, waiting and non-waiting puts and gets, {@code join}/{@code taskDone} and 3.13's
 * {@code shutdown}.
 */
package dev.aioloop.queues;
