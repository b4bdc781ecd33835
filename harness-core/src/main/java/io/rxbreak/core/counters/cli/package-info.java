/**
 * The {@code rxbreak counters} subcommands: watch, snapshot, capture and diff of the receive-path counters, with
 * their shared options ({@code --proc-root}, {@code --sys-root}, the socket selection) and their text output.
 * <p>
 * May use: {@code io.rxbreak.core.counters} and its {@code tracing}, harness-core's {@code cli}, {@code config} and
 * {@code net}, picocli and Jackson. Nothing depends on it: the root command finds it through
 * {@code META-INF/services/io.rxbreak.core.cli.RxbreakCommand}. Threading: each command runs on the thread picocli
 * executes it on and shares no sampler with another; {@code watch} loops on that thread until its count is reached or it is
 * interrupted, and its tracing instances are removed on close or by {@code TracepointCounter}'s shutdown hook.
 */
package io.rxbreak.core.counters.cli;
