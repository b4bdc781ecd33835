package io.rxbreak.sender;

import java.net.InetSocketAddress;
import java.util.List;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.unix.UnixChannel;

/**
 * The sender's sockets and where each group goes: one socket per address family in use (sending to every group of
 * that family), its descriptor (for {@code sendmmsg} past Netty), its failure counter, and per group the socket and
 * the recipient address. Made once when the sender opens; the sending thread's view of them for a trial.
 */
final class SendSockets
{
    final Channel[] channels;
    /** Each socket's file descriptor. */
    final int[] fds;
    final SendErrorCounter[] errorCounters;
    final WriteLog[] logs;
    final int[] channelOfGroup;
    final InetSocketAddress[] recipients;

    SendSockets(final List<Channel> channels, final List<SendErrorCounter> errorCounters, final int[] channelOfGroup,
        final InetSocketAddress[] recipients, final int maxWritesPerFlush)
    {
        this.channels = channels.toArray(new Channel[0]);
        this.fds = new int[this.channels.length];
        for (int c = 0; c < fds.length; c++)
        {
            fds[c] = ((UnixChannel)this.channels[c]).fd().intValue();
        }
        this.errorCounters = errorCounters.toArray(new SendErrorCounter[0]);
        this.channelOfGroup = channelOfGroup.clone();
        this.recipients = recipients.clone();
        this.logs = new WriteLog[this.channels.length];
        for (int c = 0; c < logs.length; c++)
        {
            logs[c] = new WriteLog(maxWritesPerFlush);
        }
    }

    /**
     * @param group a group's index.
     * @return the socket that sends to it.
     */
    Channel channelOf(final int group)
    {
        return channels[channelOfGroup[group]];
    }

    /**
     * @param group a group's index.
     * @return the write log of the socket that sends to it.
     */
    WriteLog logOf(final int group)
    {
        return logs[channelOfGroup[group]];
    }

    /**
     * Begin a flush's writes on every socket.
     */
    void resetLogs()
    {
        for (final WriteLog log : logs)
        {
            log.reset();
        }
    }

    /**
     * Flush every socket (a socket with nothing written does nothing).
     */
    void flushAll()
    {
        for (final Channel channel : channels)
        {
            channel.flush();
        }
    }

    /**
     * @param counters the trial's counters, or null to detach.
     * @param withLogs whether failures count the messages they carried (false while end markers go out).
     */
    void attach(final SendCounters counters, final boolean withLogs)
    {
        for (int c = 0; c < channels.length; c++)
        {
            errorCounters[c].attach(counters, withLogs ? logs[c] : null);
        }
    }

    /**
     * @return whether any socket still has writes queued (it would block).
     */
    boolean anyQueued()
    {
        for (final Channel channel : channels)
        {
            final ChannelOutboundBuffer outbound = channel.unsafe().outboundBuffer();
            if (outbound != null && !outbound.isEmpty())
            {
                return true;
            }
        }
        return false;
    }
}
