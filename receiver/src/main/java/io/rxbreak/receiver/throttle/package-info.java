/**
 * How a receiver is slowed on purpose the way real consumers are slow: harness-core's {@link
 * io.rxbreak.core.protocol.ThrottleSpec} parses {@code --throttle} ({@code none}, {@code rate:N}, {@code cost:D},
 * {@code stall:E:F}, {@code queue:N:D[:drop|block]}), {@link io.rxbreak.receiver.throttle.Throttle#create} builds
 * a throttle from it, and each {@link io.rxbreak.receiver.throttle.Throttle} acts on one message.
 * <p>
 * May use: harness-core. Threading: a throttle belongs to one socket's reading thread and is called only from it;
 * {@link io.rxbreak.receiver.throttle.ApplicationQueue} hands messages to one {@link
 * io.rxbreak.receiver.throttle.QueueWorker} thread (single producer, single consumer). Nothing here allocates per
 * message.
 */
package io.rxbreak.receiver.throttle;
