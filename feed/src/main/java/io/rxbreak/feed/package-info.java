/**
 * Recorded feeds: a capture (pcap, pcapng) or a CSV timeline read into a compact, immutable {@code Feed} (when each
 * UDP datagram went, where, how long it was: primitive arrays, no object per message), and what it asks of a
 * receiver ({@code FeedProfile}: rates, peak rates per window, destinations, sizes; {@code FeedTimeline}: counts per
 * bin). The capture formats, the link layers and IPv4/IPv6/UDP are decoded here by hand, read in large chunks from a
 * {@code FileChannel}.
 * <p>
 * May use: the JDK, harness-core's {@code config} ({@code BadInputException}, {@code Units}), {@code net}
 * ({@code MulticastGroup}, to parse a CSV destination) and {@code wire} (the message size limits); never the sender,
 * receiver or controller, which may use it. Threading: a {@code Feed} and a {@code FeedProfile} are immutable and
 * safe to share; reading a file runs on the calling thread with readers, decoders and builders of its own.
 */
package io.rxbreak.feed;
