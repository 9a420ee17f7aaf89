package dev.aioloop;

/**
 * A task's own timer for {@link Asyncio#sleep(double)}. Run in the iteration its deadline passes, it
 * puts the task on the ready queue for the next one: asyncio's two steps, the timer completing the
 * sleep's future and that future's done callback waking the task, without the future. Never handed
 * out, so never cancelled through {@link TimerHandle#cancel()}: the task takes it out of the timer
 * queue itself.
 */
final class SleepTimer extends TimerHandle {
    private final Task<?> task;

    SleepTimer(Task<?> task) {
        super(task.loop, null);
        this.task = task;
    }

    @Override
    void runReady() {
        loop.enqueueReady(task);
    }

    @Override
    public String toString() {
        return "SleepTimer[" + task + "]";
    }
}
