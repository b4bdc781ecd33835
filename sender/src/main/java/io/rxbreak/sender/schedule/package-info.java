/**
 * Send schedules: pure functions from a message's index to the time it is due (constant, burst, on/off, steps,
 * playback, max rate), which the tests check exactly, and {@code PatternParser}, which turns {@code --pattern} and
 * {@code --rate} into one.
 * <p>
 * May use: {@code io.rxbreak.core.config} (units, {@code BadInputException}) and {@code io.rxbreak.core.wire} (the
 * datagram length limits); not the sender engine, no clock, no Netty. The only I/O is reading a playback file, once,
 * when the pattern is parsed. Threading: schedules are immutable and safe from any thread.
 */
package io.rxbreak.sender.schedule;
