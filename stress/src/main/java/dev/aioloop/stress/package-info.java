/**
 * The jcstress races of aioloop's cross-thread paths: each test's accepted outcomes are the documented
 * ones, and every other outcome is forbidden. Run by {@code StressRacesIT} in quick mode, and in full by
 * {@code java -jar stress/target/aioloop-stress.jar} (README, "Reliability").
 */
package dev.aioloop.stress;
