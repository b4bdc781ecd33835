/**
 * The wire format shared by sender and receiver: the fixed 32-byte header at the start of every datagram
 * ({@code MessageHeader}: magic, version, flags, length, stream, trial, sequence, intended send time), encoded and
 * decoded in place in Netty buffers without allocating.
 * <p>
 * May use: the JDK and Netty's {@code ByteBuf}; nothing else of rxbreak. Threading: {@code MessageHeader}'s static
 * methods are stateless and safe from any thread (a buffer being written belongs to its writer); a
 * {@code MessageDecoder} is a mutable flyweight, one per receiving thread.
 */
package io.rxbreak.core.wire;
