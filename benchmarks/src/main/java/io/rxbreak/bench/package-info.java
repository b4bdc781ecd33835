/**
 * JMH benchmarks of rxbreak's hot paths; run them from the shaded benchmarks/target/benchmarks.jar.
 */
package io.rxbreak.bench;
