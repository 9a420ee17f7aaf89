/**
 * The driver SPI: the seam between a loop and what waits, wakes and ticks under it. Exported to
 * aioloop's own modules only; not for applications.
 */
package dev.aioloop.spi;
