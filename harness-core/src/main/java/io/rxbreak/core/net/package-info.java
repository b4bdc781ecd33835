/**
 * Network addressing and socket options shared by sender and receiver: destinations parsed and validated once
 * ({@code MulticastGroup}: a literal address, a port, multicast unless unicast is allowed), interfaces checked to
 * exist, be up and have an address of the group's family (loopback by default), the raw socket options that
 * Netty's epoll transport lacks or gets wrong, and the machine id Netty is given before its first channel
 * ({@code NettyMachineId}).
 * <p>
 * May use: the JDK, Netty's channel option classes and {@code io.rxbreak.core.config} ({@code BadInputException});
 * nothing else of rxbreak. Threading: immutable values and stateless static methods, safe from any thread.
 */
package io.rxbreak.core.net;
