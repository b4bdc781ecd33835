/**
 * JMH benchmarks of rxbreak's hot paths (header encoding, counter parsing and sampling, the receiver's per-datagram
 * accounting and batch processing), and {@code SenderTrials}, a program that runs several trials in one sender; run
 * them from the shaded {@code benchmarks/target/benchmarks.jar}.
 * <p>
 * May use: harness-core, the sender and the receiver (their engine classes directly, unlike the controller), Netty's
 * buffers, Jackson and JMH; never the controller. Threading: each benchmark runs on one JMH thread (none sets
 * {@code @Threads}), as the code it measures runs on one thread in production; {@code SenderTrials} drives its sender
 * from its main thread.
 */
package io.rxbreak.bench;
