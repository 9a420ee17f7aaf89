package dev.aioloop.demo;

import static dev.aioloop.demo.Timer.showTimer;
import static dev.aioloop.demo.Timer.startTimer;

import picocli.CommandLine.Command;

/** The notebook's first cell: the timer helpers around a blocking one-second sleep, no loop at all. */
@Command(name = "sync", description = "a blocking sleep(1) between the timer helpers")
final class Sync extends Scenario {
    @Override
    void play() throws InterruptedException {
        startTimer();
        Thread.sleep(1000);
        showTimer("un message");
    }
}
