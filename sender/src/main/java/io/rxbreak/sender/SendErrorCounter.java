package io.rxbreak.sender;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.unix.Errors;

/**
 * Counts failed sends by errno without a listener per message: writes use the channel's void promise, whose
 * failures arrive here on the sending thread, in the order of the writes. The failed write is found from how
 * many writes of the batch are still queued, so a failed GSO send counts all the messages it carried.
 */
final class SendErrorCounter extends ChannelInboundHandlerAdapter
{
    private SendCounters counters;
    private WriteLog log;

    /**
     * @param counters the current trial's counters, or null between trials.
     * @param log this socket's writes of the current flush, or null while sending end markers (which are not
     *     messages: their failures count by errno only).
     */
    void attach(final SendCounters counters, final WriteLog log)
    {
        this.counters = counters;
        this.log = log;
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        if (counters == null)
        {
            return;
        }
        final int slot = cause instanceof Errors.NativeIoException ?
            Errno.slot(((Errors.NativeIoException)cause).expectedErr()) : Errno.OTHER;
        counters.error(slot);
        if (log != null)
        {
            final ChannelOutboundBuffer outbound = ctx.channel().unsafe().outboundBuffer();
            final int pending = outbound == null ? 0 : outbound.size();
            counters.add(SendCounters.FAILED, log.messagesOfFailedWrite(pending));
        }
    }
}
