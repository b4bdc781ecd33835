package io.rxbreak.sender;

import java.util.OptionalLong;

/**
 * Where the sender reads the kernel's Udp SndbufErrors counter (in its own network namespace) before and after
 * a trial, to report the delta: datagrams the kernel dropped for lack of send buffer, which no errno shows.
 */
@FunctionalInterface
public interface SndbufErrorsSource
{
    /** No source: the delta is reported as unavailable. */
    SndbufErrorsSource UNAVAILABLE = OptionalLong::empty;

    /**
     * @return the sum of Udp and Udp6 (UdpLite excluded) SndbufErrors now, or empty when it cannot be read.
     */
    OptionalLong sndbufErrors();
}
