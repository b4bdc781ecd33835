/**
 * JMH benchmarks of rxbreak's hot paths; run them from the shaded {@code benchmarks/target/benchmarks.jar}.
 */
package io.rxbreak.bench;
