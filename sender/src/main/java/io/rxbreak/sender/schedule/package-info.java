/**
 * Send schedules: pure functions from a message's index to the time it is due (constant, burst, on/off, steps,
 * a replayed feed, max rate), which the tests check exactly, and {@code PatternParser}, which turns
 * {@code --pattern} and {@code --rate} into one. A replay's schedule also says where each message goes and how long
 * it is.
 * <p>
 * May use: {@code io.rxbreak.core.config} (units, {@code BadInputException}), {@code io.rxbreak.core.protocol} (the
 * pattern's spec), the feed module (a feed, its routing and its datagram lengths); not the sender engine, no clock,
 * no Netty. The only I/O is reading a feed file, once, when the pattern is parsed. Threading: schedules are immutable
 * and safe from any thread.
 */
package io.rxbreak.sender.schedule;
