package io.rxbreak.core.protocol;

import java.util.List;

/**
 * What the sender opened, as the kernel granted it (read back, not assumed): the {@code setup} of the sender
 * agent's status ({@link SenderStatus}).
 *
 * @param groups the destinations, one socket each.
 * @param streamsPerGroup streams per destination.
 * @param interfaceName the egress interface (IP_MULTICAST_IF).
 * @param interfaceMtu its MTU.
 * @param loopback whether it is loopback (host-only).
 * @param ttl the multicast TTL / IPv6 hop limit read back from every socket.
 * @param sndbufBytes SO_SNDBUF read back.
 * @param gsoSupported whether this kernel and Netty can send UDP GSO (UDP_SEGMENT).
 * @param sendingThread the sending thread as the kernel knows it: its id, CPUs and scheduling.
 */
public record SenderSetup(
    List<String> groups,
    int streamsPerGroup,
    String interfaceName,
    int interfaceMtu,
    boolean loopback,
    int ttl,
    int sndbufBytes,
    boolean gsoSupported,
    SendingThread sendingThread)
{
}
