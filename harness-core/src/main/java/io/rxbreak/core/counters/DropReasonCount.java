package io.rxbreak.core.counters;

/**
 * How many packets the kernel freed for one drop reason in one function.
 *
 * @param reason the reason's kernel name, like {@code IP_RPFILTER} (or {@code reason N} when the kernel names none).
 * @param function the freeing function ({@code location} resolved through {@code /proc/kallsyms}), like
 *     {@code ip_rcv_finish_core}, or {@code ?} when it cannot be resolved.
 * @param count how many.
 */
public record DropReasonCount(String reason, String function, long count)
{
    /**
     * The transport a freeing function belongs to: TCP frees (rxbreak's own HTTP control channel among them) are
     * kept apart from UDP and from frees before any transport (routing, filters).
     */
    public enum Transport
    {
        /** A TCP function ({@code tcp_v4_rcv}, ...): not multicast data. */
        TCP,
        /** A UDP function ({@code __udp4_lib_rcv}, ...). */
        UDP,
        /** Before the transport, or unknown: routing, netfilter, the device, the backlog. */
        NETWORK;

        /**
         * @param function a kernel function name.
         * @return its transport, told by its name.
         */
        public static Transport of(final String function)
        {
            if (function.contains("tcp"))
            {
                return TCP;
            }
            return function.contains("udp") ? UDP : NETWORK;
        }
    }

    /**
     * @return the mapped kind, or null ("other").
     */
    public DropReasonKind kind()
    {
        return DropReasonKind.of(reason, function);
    }

    /**
     * @return the layer of the mapped kind, or null ("other").
     */
    public Layer layer()
    {
        final DropReasonKind kind = kind();
        return kind == null ? null : kind.layer();
    }

    /**
     * @return the transport of the freeing function.
     */
    public Transport transport()
    {
        return Transport.of(function);
    }

    /**
     * @return whether the free can be multicast data: not a TCP function.
     */
    public boolean couldBeUdp()
    {
        return transport() != Transport.TCP;
    }
}
