package io.rxbreak.controller.tune;

/**
 * What kind of fix a proposal is: sysctls, something that is not a sysctl, or none.
 */
public enum ProposalKind
{
    /** Sysctls (and the receiver's buffer) that move the layer; the sweep verifies that they do. */
    SYSCTL("the settings below move this layer's limit; run the sweep to verify that they move the break point "
        + "(a buffer absorbs bursts, it does not make a slow reader faster)"),
    /** The NIC's ring: set with ethtool, not sysctl. */
    ETHTOOL("the NIC ring's size is set with ethtool, not sysctl: ethtool -g DEV shows its maximum, ethtool -G DEV "
        + "rx N sets it (TuneD's [net] plugin keeps it); IRQ affinity on an idle CPU helps too (irq lines of --tune)"),
    /** The application: no sysctl fixes it. */
    APPLICATION("no sysctl fixes it: the application lost what it had read, or did not read; make it faster, or "
        + "give it more threads or a larger queue"),
    /** The receiver fell behind before it lost anything: no sysctl raises its throughput. */
    SLOWER_THAN_LOAD("no sysctl fixes it: the receiver fell behind the load before anything was lost, so it is "
        + "slower than the load; a larger buffer only delays the loss"),
    /** Routing or a filter refused the datagrams: the kernel's drop reason names what to change. */
    FILTER("routing or a filter refused the datagrams before any socket, and the kernel's drop reason in the "
        + "attribution names which: a firewall rule (nft list ruleset), the group not joined on that interface, no "
        + "route; no buffer or budget fixes it"),
    /** IP or UDP rejected the datagrams as malformed. */
    VALIDATION("IP or UDP rejected the datagrams (a bad checksum, a bad or truncated header: the kernel's drop reason "
        + "in the attribution says which): the sender or the path corrupts them; no setting of this host fixes it"),
    /** The loss was counted by no layer. */
    UNEXPLAINED("no layer counted the loss, so no setting can be proposed: measure the missing layer first (see the "
        + "attribution)");

    private final String advice;

    ProposalKind(final String advice)
    {
        this.advice = advice;
    }

    /**
     * @return what it means for the reader, in words.
     */
    public String advice()
    {
        return advice;
    }
}
