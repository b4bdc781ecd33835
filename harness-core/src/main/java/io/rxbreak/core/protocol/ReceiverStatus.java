package io.rxbreak.core.protocol;

import java.util.List;

/**
 * The receiver agent's {@code GET /status}: what it is and does now.
 *
 * @param role {@link AgentApi#RECEIVER}.
 * @param protocolVersion {@link AgentApi#PROTOCOL_VERSION}.
 * @param trialId the current trial, or null before the first.
 * @param transport how the sockets are read: {@code recvmmsg}, {@code epoll} or {@code io_uring}.
 * @param throttle the throttle now, as {@link ThrottleSpec} prints it.
 * @param sockets each receiving socket.
 * @param socketsPerGroup how many sockets each group has (each gets its own copy of every message).
 * @param rcvbufRequested SO_RCVBUF asked for, or null for the system default.
 * @param rcvbufGranted the smallest SO_RCVBUF granted, or null without sockets.
 * @param tracepoints the tracepoints counted in each trial (empty when they cannot be: not root).
 * @param notes warnings about the set-up.
 */
public record ReceiverStatus(
    String role,
    int protocolVersion,
    Integer trialId,
    String transport,
    String throttle,
    List<Socket> sockets,
    int socketsPerGroup,
    Long rcvbufRequested,
    Long rcvbufGranted,
    List<String> tracepoints,
    List<String> notes)
{
    /**
     * One receiving socket.
     *
     * @param index the socket's number.
     * @param group the group it joined.
     * @param inode its inode (the inode column of /proc/net/udp).
     * @param rcvbufRequested SO_RCVBUF asked for, 0 for the default.
     * @param rcvbufGranted SO_RCVBUF granted.
     * @param rcvbufNote how the buffer was set, in words.
     */
    public record Socket(int index, String group, long inode, long rcvbufRequested, long rcvbufGranted,
        String rcvbufNote)
    {
    }
}
