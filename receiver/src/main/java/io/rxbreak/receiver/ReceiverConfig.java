package io.rxbreak.receiver;

import java.net.NetworkInterface;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.config.Units;
import io.rxbreak.core.net.Interfaces;
import io.rxbreak.core.net.MulticastGroup;
import io.rxbreak.core.os.CpuSet;
import io.rxbreak.core.protocol.ThrottleSpec;
import io.rxbreak.core.wire.MessageHeader;

/**
 * Everything the receiver is asked to do, validated once by {@link Builder#build()} before any socket opens;
 * every error names the {@code rxbreak receive} option to change. Immutable.
 */
public final class ReceiverConfig
{
    /** The most sockets per group. */
    public static final int MAX_SOCKETS = 64;
    /** The largest batch (datagrams per recvmmsg call; Netty's own limit). */
    public static final int MAX_BATCH = 1024;

    private final List<MulticastGroup> groups;
    private final String interfaceName;
    private final NetworkInterface networkInterface;
    private final int socketsPerGroup;
    private final boolean shareSockets;
    private final long rcvbufBytes;
    private final boolean rcvbufForce;
    private final int busyPollUs;
    private final TransportKind transport;
    private final ThrottleSpec throttle;
    private final long durationNs;
    private final boolean untilEnd;
    private final long drainNs;
    private final long reportIntervalNs;
    private final Path hlog;
    private final int maxMessageBytes;
    private final int batch;
    private final boolean followTrials;
    private final CpuSet readerCpus;

    private ReceiverConfig(final Builder builder, final NetworkInterface networkInterface)
    {
        this.groups = List.copyOf(builder.groups);
        this.interfaceName = builder.interfaceName;
        this.networkInterface = networkInterface;
        this.socketsPerGroup = builder.socketsPerGroup;
        this.shareSockets = builder.shareSockets;
        this.rcvbufBytes = builder.rcvbufBytes;
        this.rcvbufForce = builder.rcvbufForce;
        this.busyPollUs = builder.busyPollUs;
        this.transport = builder.transport;
        this.throttle = builder.throttle;
        this.durationNs = builder.durationNs;
        this.untilEnd = builder.untilEnd;
        this.drainNs = builder.drainNs;
        this.reportIntervalNs = builder.reportIntervalNs;
        this.hlog = builder.hlog;
        this.maxMessageBytes = builder.maxMessageBytes;
        this.batch = builder.batch;
        this.followTrials = builder.followTrials;
        this.readerCpus = builder.readerCpus;
    }

    /**
     * @return the CPUs of the reading threads, with every other thread of the process kept off them; null to leave
     *     the threads where the process runs.
     */
    public CpuSet readerCpus()
    {
        return readerCpus;
    }

    public static Builder builder()
    {
        return new Builder();
    }

    public List<MulticastGroup> groups()
    {
        return groups;
    }

    public String interfaceName()
    {
        return interfaceName;
    }

    public NetworkInterface networkInterface()
    {
        return networkInterface;
    }

    public int socketsPerGroup()
    {
        return socketsPerGroup;
    }

    /**
     * @return whether the groups on one port share their sockets ({@code --share-sockets}): one socket per port and
     *     family (times {@link #socketsPerGroup()}) joined to every group on it, instead of one per group.
     */
    public boolean shareSockets()
    {
        return shareSockets;
    }

    /**
     * @return the groups each socket joins, in order (each list repeated {@link #socketsPerGroup()} times when the
     *     sockets are opened): one group each, or with {@link #shareSockets()} every group of a port and family.
     */
    public List<List<MulticastGroup>> socketGroups()
    {
        final java.util.Map<String, List<MulticastGroup>> byPort = new java.util.LinkedHashMap<>();
        for (final MulticastGroup group : groups)
        {
            final String key = shareSockets ? group.family() + ":" + group.port() : group.toString();
            byPort.computeIfAbsent(key, ignored -> new ArrayList<>()).add(group);
        }
        final List<List<MulticastGroup>> sockets = new ArrayList<>();
        byPort.values().forEach(joined -> sockets.add(List.copyOf(joined)));
        return List.copyOf(sockets);
    }

    /**
     * @return the receive buffer asked for, or 0 for the system's default (net.core.rmem_default).
     */
    public long rcvbufBytes()
    {
        return rcvbufBytes;
    }

    public boolean rcvbufForce()
    {
        return rcvbufForce;
    }

    /**
     * @return SO_BUSY_POLL in microseconds, 0 for off.
     */
    public int busyPollUs()
    {
        return busyPollUs;
    }

    public TransportKind transport()
    {
        return transport;
    }

    public ThrottleSpec throttle()
    {
        return throttle;
    }

    /**
     * @return how long to receive, 0 for no limit.
     */
    public long durationNs()
    {
        return durationNs;
    }

    public boolean untilEnd()
    {
        return untilEnd;
    }

    /**
     * @return how long to keep reading after every stream ended (with {@link #untilEnd()}).
     */
    public long drainNs()
    {
        return drainNs;
    }

    public long reportIntervalNs()
    {
        return reportIntervalNs;
    }

    /**
     * @return where interval latency histograms go, or null.
     */
    public Path hlog()
    {
        return hlog;
    }

    /**
     * @return the largest datagram read whole; a longer one is truncated and counted as foreign (length mismatch).
     */
    public int maxMessageBytes()
    {
        return maxMessageBytes;
    }

    /**
     * @return datagrams per recvmmsg call.
     */
    public int batch()
    {
        return batch;
    }

    /**
     * @return whether a message with a new trial id starts a new trial by itself (else only startTrial does).
     */
    public boolean followTrials()
    {
        return followTrials;
    }

    @Override
    public String toString()
    {
        return "groups=" + groups + " interface=" + interfaceName + " sockets/group=" + socketsPerGroup + (shareSockets ? " (shared per port)" : "") +
            " rcvbuf=" + (rcvbufBytes == 0 ? "default" : Units.formatBytes(rcvbufBytes)) +
            (rcvbufForce ? " (force)" : "") + " busy-poll=" + (busyPollUs == 0 ? "off" : busyPollUs + "us") +
            " transport=" + transport.name().toLowerCase(java.util.Locale.ROOT) + " throttle=" + throttle +
            " batch=" + batch + " max-message=" + maxMessageBytes;
    }

    /**
     * The defaults, once, as {@code rxbreak receive} spells them: its options show them and {@link Builder} starts
     * from them.
     */
    public static final class Defaults
    {
        /** {@value}. */
        public static final String SOCKETS = "1";
        /** {@value}. */
        public static final String TRANSPORT = "recvmmsg";
        /** {@value}. */
        public static final String THROTTLE = "none";
        /** {@value}. */
        public static final String DRAIN = "200ms";
        /** {@value}. */
        public static final String INTERVAL = "1s";
        /** {@value}. */
        public static final String BATCH = "64";

        private Defaults()
        {
        }
    }

    /**
     * Collects the settings; {@link #build()} validates them all at once.
     */
    public static final class Builder
    {
        private final List<MulticastGroup> groups = new ArrayList<>();
        private String interfaceName = Interfaces.LOOPBACK;
        private int socketsPerGroup = Integer.parseInt(Defaults.SOCKETS);
        private boolean shareSockets;
        private long rcvbufBytes;
        private boolean rcvbufSet;
        private boolean rcvbufForce;
        private int busyPollUs;
        private TransportKind transport = TransportKind.parse(Defaults.TRANSPORT);
        private ThrottleSpec throttle = ThrottleSpec.parse(Defaults.THROTTLE);
        private long durationNs;
        private boolean untilEnd;
        private long drainNs = Units.parseDurationNs(Defaults.DRAIN);
        private long reportIntervalNs = Units.parseDurationNs(Defaults.INTERVAL);
        private Path hlog;
        private int maxMessageBytes = MessageHeader.DEFAULT_MAX_MESSAGE_LENGTH;
        private int batch = Integer.parseInt(Defaults.BATCH);
        private boolean followTrials = true;
        private CpuSet readerCpus;

        private Builder()
        {
        }

        public Builder group(final MulticastGroup group)
        {
            groups.add(group);
            return this;
        }

        public Builder interfaceName(final String name)
        {
            this.interfaceName = name;
            return this;
        }

        public Builder shareSockets(final boolean share)
        {
            this.shareSockets = share;
            return this;
        }

        public Builder socketsPerGroup(final int count)
        {
            this.socketsPerGroup = count;
            return this;
        }

        public Builder rcvbufBytes(final long bytes)
        {
            this.rcvbufBytes = bytes;
            this.rcvbufSet = true;
            return this;
        }

        public Builder rcvbufForce(final boolean force)
        {
            this.rcvbufForce = force;
            return this;
        }

        public Builder busyPollUs(final int us)
        {
            this.busyPollUs = us;
            return this;
        }

        /**
         * @param cpus the CPUs of the reading threads (every other thread of the process keeps off them), or null.
         * @return this.
         */
        public Builder readerCpus(final CpuSet cpus)
        {
            this.readerCpus = cpus;
            return this;
        }

        public Builder transport(final TransportKind kind)
        {
            this.transport = kind;
            return this;
        }

        public Builder throttle(final ThrottleSpec spec)
        {
            this.throttle = spec;
            return this;
        }

        public Builder durationNs(final long ns)
        {
            this.durationNs = ns;
            return this;
        }

        public Builder untilEnd(final boolean untilEnd)
        {
            this.untilEnd = untilEnd;
            return this;
        }

        public Builder drainNs(final long ns)
        {
            this.drainNs = ns;
            return this;
        }

        public Builder reportIntervalNs(final long ns)
        {
            this.reportIntervalNs = ns;
            return this;
        }

        public Builder hlog(final Path path)
        {
            this.hlog = path;
            return this;
        }

        public Builder maxMessageBytes(final int bytes)
        {
            this.maxMessageBytes = bytes;
            return this;
        }

        public Builder batch(final int datagrams)
        {
            this.batch = datagrams;
            return this;
        }

        public Builder followTrials(final boolean follow)
        {
            this.followTrials = follow;
            return this;
        }

        /**
         * @return the validated configuration.
         * @throws BadInputException naming the option to change.
         */
        public ReceiverConfig build()
        {
            if (groups.isEmpty())
            {
                throw BadInputException.option("--group", "at least one group is required, like 239.1.1.1:5000");
            }
            if (groups.stream().distinct().count() != groups.size())
            {
                throw BadInputException.option("--group", "a group is named twice; use --sockets for more sockets");
            }
            NetworkInterface nif = null;
            for (final MulticastGroup group : groups)
            {
                nif = Interfaces.resolve("--interface", interfaceName, group);
            }
            if (socketsPerGroup < 1 || socketsPerGroup > MAX_SOCKETS)
            {
                throw BadInputException.option("--sockets", "must be 1 to " + MAX_SOCKETS);
            }
            if (rcvbufSet && (rcvbufBytes <= 0 || rcvbufBytes > Integer.MAX_VALUE / 2))
            {
                throw BadInputException.option("--rcvbuf", "must be > 0 and at most 1GiB");
            }
            if (rcvbufForce && rcvbufBytes == 0)
            {
                throw BadInputException.option("--rcvbuf-force", "needs --rcvbuf BYTES");
            }
            if (busyPollUs < 0)
            {
                throw BadInputException.option("--busy-poll", "must be >= 0 microseconds");
            }
            if (durationNs < 0)
            {
                throw BadInputException.option("--duration", "must be > 0");
            }
            if (drainNs < 0)
            {
                throw BadInputException.option("--drain", "must be >= 0");
            }
            if (reportIntervalNs <= 0)
            {
                throw BadInputException.option("--interval", "must be > 0");
            }
            if (maxMessageBytes < MessageHeader.LENGTH || maxMessageBytes > MessageHeader.MAX_MESSAGE_LENGTH)
            {
                throw BadInputException.option("--max-message-size", "must be " + MessageHeader.LENGTH + " to " +
                    MessageHeader.MAX_MESSAGE_LENGTH + " bytes");
            }
            if (batch < 2 || batch > MAX_BATCH)
            {
                throw BadInputException.option("--batch", "must be 2 to " + MAX_BATCH +
                    " (recvmmsg is used only for 2 or more)");
            }
            if (hlog != null && hlog.toAbsolutePath().getParent() != null &&
                !java.nio.file.Files.isDirectory(hlog.toAbsolutePath().getParent()))
            {
                throw BadInputException.option("--hlog", "the directory of " + hlog + " does not exist");
            }
            return new ReceiverConfig(this, nif);
        }
    }
}
