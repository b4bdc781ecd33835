package io.rxbreak.sender;

import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.config.GsoSetting;
import io.rxbreak.core.config.Units;
import io.rxbreak.core.net.Interfaces;
import io.rxbreak.core.net.MulticastGroup;
import io.rxbreak.core.protocol.IdleMode;

/**
 * What the sender's sockets are, validated once by {@link Builder#build()} before anything is opened: every
 * problem is a {@link BadInputException} naming the option to change. Per-trial settings (rate, pattern, size,
 * duration) are in {@link TrialPlan}.
 */
public final class SenderConfig
{
    /** {@code --gso} value meaning: use GSO where the kernel supports it, with as many segments as fit. */
    public static final int GSO_AUTO = GsoSetting.AUTO;
    /** {@code --gso off}. */
    public static final int GSO_OFF = GsoSetting.OFF;
    /** The most segments one GSO send carries. */
    public static final int GSO_MAX_SEGMENTS = GsoSetting.MAX_SEGMENTS;
    /** The most messages one batch carries (the batch is flushed as one or more sendmmsg calls). */
    public static final int MAX_BATCH_MESSAGES = 65_536;
    /** The most streams per group. */
    public static final int MAX_STREAMS = 4_096;

    private final List<MulticastGroup> groups;
    private final int streamsPerGroup;
    private final String interfaceName;
    private final NetworkInterface networkInterface;
    private final int ttl;
    private final boolean allowUnicast;
    private final int gsoSegments;
    private final IdleMode idleMode;
    private final int maxBatchMessages;
    private final long maxLagNs;
    private final int sndbufBytes;
    private final SendPath sendPath;

    /**
     * How routed batches go out: a replay's messages, each to its own group, and every trial's end-of-trial markers
     * ({@code --send-path}). Other trials always use Netty's write path (with GSO where it applies).
     */
    public enum SendPath
    {
        /** {@code sendmmsg(2)} on the sockets directly, allocating nothing, where JNA can call it; else Netty's. */
        AUTO,
        /** Netty's write path (it allocates about 45 B per datagram for the recipient's address). */
        NETTY
    }

    private SenderConfig(final Builder builder, final List<MulticastGroup> groups, final NetworkInterface nif, final int ttl)
    {
        this.groups = List.copyOf(groups);
        this.streamsPerGroup = builder.streamsPerGroup;
        this.interfaceName = builder.interfaceName;
        this.networkInterface = nif;
        this.ttl = ttl;
        this.allowUnicast = builder.allowUnicast;
        this.gsoSegments = builder.gsoSegments;
        this.idleMode = builder.idleMode;
        this.maxBatchMessages = builder.maxBatchMessages;
        this.maxLagNs = builder.maxLagNs;
        this.sndbufBytes = builder.sndbufBytes;
        this.sendPath = builder.sendPath;
    }

    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * @return the destinations, each with its own socket.
     */
    public List<MulticastGroup> groups()
    {
        return groups;
    }

    public int streamsPerGroup()
    {
        return streamsPerGroup;
    }

    /**
     * @return groups times streams per group: the number of streams, each with its own sequence.
     */
    public int totalStreams()
    {
        return groups.size() * streamsPerGroup;
    }

    public String interfaceName()
    {
        return interfaceName;
    }

    public NetworkInterface networkInterface()
    {
        return networkInterface;
    }

    /**
     * @return the multicast TTL (IPv6 hop limit) to set: 0 on loopback and 1 on a named interface by default.
     */
    public int ttl()
    {
        return ttl;
    }

    public boolean allowUnicast()
    {
        return allowUnicast;
    }

    /**
     * @return {@link #GSO_AUTO}, {@link #GSO_OFF} or the segments per send asked for.
     */
    public int gsoSegments()
    {
        return gsoSegments;
    }

    public IdleMode idleMode()
    {
        return idleMode;
    }

    /**
     * @return the most messages in one batch, or 0 to size batches automatically.
     */
    public int maxBatchMessages()
    {
        return maxBatchMessages;
    }

    /**
     * @return how far behind its schedule the sender may be at the end of a trial before the trial is
     *     sender-limited.
     */
    public long maxLagNs()
    {
        return maxLagNs;
    }

    /**
     * @return SO_SNDBUF to ask for, or 0 for the system default.
     */
    public int sndbufBytes()
    {
        return sndbufBytes;
    }

    /**
     * @return how routed batches go out.
     */
    public SendPath sendPath()
    {
        return sendPath;
    }

    /**
     * The defaults, once, as {@code rxbreak send} spells them: its options show them and {@link Builder} starts from
     * them.
     */
    public static final class Defaults
    {
        /** {@value}. */
        public static final String STREAMS = "1";
        /** {@value}. */
        public static final String GSO = GsoSetting.DEFAULT;
        /** {@value}. */
        public static final String IDLE = "auto";
        /** {@value}. */
        public static final String MAX_LAG = "10ms";
        /** {@value}. */
        public static final String SEND_PATH = "auto";

        private Defaults()
        {
        }
    }

    /**
     * Collects the options as typed; {@link #build()} validates them all.
     */
    public static final class Builder
    {
        private final List<String> groupTexts = new ArrayList<>();
        private int streamsPerGroup = Integer.parseInt(Defaults.STREAMS);
        private String interfaceName;
        private Integer ttl;
        private boolean allowUnicast;
        private int gsoSegments;
        private IdleMode idleMode = IdleMode.valueOf(Defaults.IDLE.toUpperCase(Locale.ROOT));
        private int maxBatchMessages;
        private long maxLagNs = Units.parseDurationNs(Defaults.MAX_LAG);
        private int sndbufBytes;
        private SendPath sendPath = SendPath.valueOf(Defaults.SEND_PATH.toUpperCase(Locale.ROOT));

        private Builder()
        {
            gso(Defaults.GSO);
        }

        /**
         * @param text a destination as typed, {@code ADDR:PORT}; repeatable.
         * @return this.
         */
        public Builder group(final String text)
        {
            groupTexts.add(text);
            return this;
        }

        public Builder groups(final List<String> texts)
        {
            groupTexts.addAll(texts);
            return this;
        }

        public Builder streamsPerGroup(final int streams)
        {
            this.streamsPerGroup = streams;
            return this;
        }

        /**
         * @param name the egress interface; null for loopback.
         * @return this.
         */
        public Builder interfaceName(final String name)
        {
            this.interfaceName = name;
            return this;
        }

        /**
         * @param ttl the multicast TTL; null for the default (0 on loopback, 1 elsewhere).
         * @return this.
         */
        public Builder ttl(final Integer ttl)
        {
            this.ttl = ttl;
            return this;
        }

        public Builder allowUnicast(final boolean allow)
        {
            this.allowUnicast = allow;
            return this;
        }

        /**
         * @param segments {@link #GSO_AUTO}, {@link #GSO_OFF} or segments per send (2-64).
         * @return this.
         */
        public Builder gsoSegments(final int segments)
        {
            this.gsoSegments = segments;
            return this;
        }

        /**
         * @param text {@code auto}, {@code off} or a number of segments, as typed for {@code --gso}.
         * @return this.
         */
        public Builder gso(final String text)
        {
            return gsoSegments(GsoSetting.parse(text));
        }

        public Builder idleMode(final IdleMode mode)
        {
            this.idleMode = mode;
            return this;
        }

        public Builder maxBatchMessages(final int messages)
        {
            this.maxBatchMessages = messages;
            return this;
        }

        public Builder sendPath(final SendPath path)
        {
            this.sendPath = path;
            return this;
        }

        public Builder maxLagNs(final long lagNs)
        {
            this.maxLagNs = lagNs;
            return this;
        }

        public Builder sndbufBytes(final long bytes)
        {
            if (bytes < 0 || bytes > Integer.MAX_VALUE)
            {
                throw BadInputException.option("--sndbuf", "must be 0 (system default) to " + Units.formatBytes(Integer.MAX_VALUE));
            }
            this.sndbufBytes = (int)bytes;
            return this;
        }

        /**
         * @return the validated configuration.
         * @throws BadInputException naming the option to change.
         */
        public SenderConfig build()
        {
            if (groupTexts.isEmpty())
            {
                throw BadInputException.option("--group", "at least one destination ADDR:PORT is required, like 239.1.1.1:5000");
            }
            final List<MulticastGroup> groups = new ArrayList<>();
            for (final String text : groupTexts)
            {
                final MulticastGroup group = MulticastGroup.parse("--group", text, allowUnicast);
                if (groups.contains(group))
                {
                    throw BadInputException.option("--group", group + " is given twice; use --streams for more streams");
                }
                groups.add(group);
            }
            if (streamsPerGroup < 1 || streamsPerGroup > MAX_STREAMS)
            {
                throw BadInputException.option("--streams", "must be 1 to " + MAX_STREAMS + ", not " + streamsPerGroup);
            }
            final String name = interfaceName == null ? Interfaces.LOOPBACK : interfaceName;
            NetworkInterface nif = null;
            for (final MulticastGroup group : groups)
            {
                nif = Interfaces.resolve("--interface", name, group);
            }
            final boolean loopback = Interfaces.isLoopback(nif);
            final int effectiveTtl = ttl != null ? ttl : (loopback ? 0 : 1);
            if (effectiveTtl < 0 || effectiveTtl > 255)
            {
                throw BadInputException.option("--ttl", "must be 0 to 255, not " + effectiveTtl);
            }
            GsoSetting.check(gsoSegments);
            if (maxBatchMessages < 0 || maxBatchMessages > MAX_BATCH_MESSAGES)
            {
                throw BadInputException.option("--batch", "must be 1 to " + MAX_BATCH_MESSAGES + " messages, not " + maxBatchMessages);
            }
            if (maxLagNs <= 0)
            {
                throw BadInputException.option("--max-lag", "must be more than 0");
            }
            if (idleMode == null)
            {
                throw BadInputException.option("--idle", "use auto, spin, yield or park");
            }
            if (sendPath == null)
            {
                throw BadInputException.option("--send-path", "use auto or netty");
            }
            return new SenderConfig(this, groups, nif, effectiveTtl);
        }
    }
}
