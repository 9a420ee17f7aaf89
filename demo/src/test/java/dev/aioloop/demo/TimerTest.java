package dev.aioloop.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimerTest {
    @Test
    void showsWholeSecondsThenTheMillisecondsLeftOverOnThreeDigits() {
        assertEquals("0s + 000ms >>> c1", Timer.line(0, ">>> c1"));
        assertEquals("1s + 001ms forking", Timer.line(1_001_999_999L, "forking"));
        assertEquals("0s + 999ms <<< long", Timer.line(999_000_000L, "<<< long"));
        assertEquals("2s + 050ms x", Timer.line(2_050_000_000L, "x"));
        assertEquals("12s + 345ms ", Timer.line(12_345_678_901L, ""));
    }
}
