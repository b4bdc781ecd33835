package io.rxbreak.core.counters;

import java.net.InetAddress;

/**
 * A multicast group a device has joined, from {@code /proc/net/igmp} or {@code /proc/net/igmp6}.
 *
 * @param device the interface name.
 * @param group the group address.
 * @param users how many sockets on the machine (namespace) joined it on this device.
 */
public record GroupMembership(String device, InetAddress group, int users)
{
}
