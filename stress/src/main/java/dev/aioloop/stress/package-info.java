/**
 * The jcstress races of aioloop's cross-thread paths, whose accepted outcomes are the documented ones
 * and every other outcome forbidden: run by {@code RacesIT} in quick mode, and in full by
 * {@code java -jar stress/target/aioloop-stress.jar} (README, "Reliability"); and {@link
 * dev.aioloop.stress.Soak}, the echo soak.
 */
package dev.aioloop.stress;
