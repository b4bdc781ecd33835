package io.rxbreak.controller.topology;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.rxbreak.controller.agents.AgentReceiverSide;
import io.rxbreak.controller.agents.AgentSenderSide;
import io.rxbreak.core.control.AgentClient;
import io.rxbreak.core.control.AgentException;
import io.rxbreak.core.control.AgentRequest;
import io.rxbreak.core.control.AgentResponse;
import io.rxbreak.core.control.AgentServer;
import io.rxbreak.core.control.Router;
import io.rxbreak.core.counters.Layer;
import io.rxbreak.core.counters.WindowCounters;
import io.rxbreak.core.net.MulticastGroup;
import io.rxbreak.core.protocol.AgentApi;
import io.rxbreak.core.protocol.CpuUse;
import io.rxbreak.core.protocol.ReceiveBuffer;
import io.rxbreak.core.protocol.ReceiverBeginAnswer;
import io.rxbreak.core.protocol.ReceiverEndAnswer;
import io.rxbreak.core.protocol.ReceiverStatus;
import io.rxbreak.core.protocol.ReceiverTrial;
import io.rxbreak.core.protocol.ReceiverTrialEnd;
import io.rxbreak.core.protocol.ReceiverTrialReport;
import io.rxbreak.core.protocol.SenderPacing;
import io.rxbreak.core.protocol.SenderResultAnswer;
import io.rxbreak.core.protocol.SenderRunAnswer;
import io.rxbreak.core.protocol.SenderSetup;
import io.rxbreak.core.protocol.SenderStatus;
import io.rxbreak.core.protocol.SenderTrial;
import io.rxbreak.core.protocol.SenderTrialReport;
import io.rxbreak.core.protocol.SenderTrialStop;
import io.rxbreak.core.protocol.SendingThread;
import io.rxbreak.core.protocol.SocketResult;

/**
 * In-process sender and receiver agents that speak the real control protocol ({@link AgentApi}) over real HTTP on
 * loopback, each an {@link AgentServer} on 127.0.0.1 with a port of its own, and send nothing: a sender "sends" for
 * the trial's warm-up and window (it answers {@code /trial/run} once they have passed, without a datagram) and
 * reports its share of the rate times that time, exactly; a receiver's {@code /trial/end} reports what the senders
 * sent to the groups it joined, read from a ledger the senders write, with every kernel counter present and zero.
 * So the controller's own accounting (the senders' reports combined, sent = received + drops) meets figures that
 * add up only when every report reached the right place. {@link AgentSenderSide} and {@link AgentReceiverSide}
 * take them as they take the real agents. Each counts the calls it served, per path and trial.
 */
final class FakeAgents implements AutoCloseable
{
    /** The first sender's group; the next ones count up from it. Nothing is ever sent to them. */
    private static final MulticastGroup FIRST_GROUP = MulticastGroup.parse("group", "239.255.90.1:47001", false);
    /** Linux's default rmem_default, as a receiver without --rcvbuf is granted. */
    private static final long RCVBUF_BYTES = 212_992;
    /** The kernel's memory for one small datagram (skb truesize), as loopback measures it for 64 bytes. */
    private static final long TRUESIZE_BYTES = 768;
    /** End-of-trial markers a sender sends per stream. */
    private static final long END_MARKERS = 3;
    private static final long NS_PER_S = 1_000_000_000L;

    private final List<FakeSender> senders = new ArrayList<>();
    private final List<FakeReceiver> receivers = new ArrayList<>();
    /** What each sender sent, per trial and group: the receivers report from it. */
    private final Map<Integer, Map<String, Long>> ledger = new ConcurrentHashMap<>();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(runnable ->
    {
        final Thread thread = new Thread(runnable, "fake-agent-clock");
        thread.setDaemon(true);
        return thread;
    });

    private FakeAgents()
    {
    }

    /**
     * @param senderCount   how many sender agents, each with a group of its own.
     * @param receiverCount how many receiver agents, each joined to every sender's group.
     * @return the agents, listening.
     * @throws InterruptedException when interrupted while binding.
     */
    static FakeAgents start(final int senderCount, final int receiverCount) throws InterruptedException
    {
        final FakeAgents agents = new FakeAgents();
        try
        {
            final List<String> groups = new ArrayList<>();
            for (int i = 0; i < senderCount; i++)
            {
                final String group = TopologyAgents.defaultGroup(FIRST_GROUP, i).toString();
                groups.add(group);
                agents.senders.add(agents.new FakeSender("tx" + (i + 1), group));
            }
            for (int i = 0; i < receiverCount; i++)
            {
                agents.receivers.add(agents.new FakeReceiver("rx" + (i + 1), groups));
            }
            return agents;
        }
        catch (final InterruptedException | RuntimeException ex)
        {
            agents.close();
            throw ex;
        }
    }

    /**
     * @return the fake senders, in order.
     */
    List<FakeSender> senders()
    {
        return senders;
    }

    /**
     * @return the fake receivers, in order.
     */
    List<FakeReceiver> receivers()
    {
        return receivers;
    }

    /**
     * @param timeout the time-out of each call.
     * @return the senders as a topology's, reached over HTTP as the controller reaches a sender agent.
     */
    List<TopologyTrialRunner.Sender> senderSides(final Duration timeout)
    {
        final List<TopologyTrialRunner.Sender> sides = new ArrayList<>();
        for (final FakeSender sender : senders)
        {
            sides.add(new TopologyTrialRunner.Sender(sender.name, new AgentSenderSide(new AgentClient(
                sender.server.url(), null, timeout), null), List.of(MulticastGroup.parse("group", sender.group,
                false))));
        }
        return sides;
    }

    /**
     * @param timeout the time-out of each call.
     * @return the receivers as a topology's, reached over HTTP as the controller reaches a receiver agent.
     */
    List<TopologyTrialRunner.Receiver> receiverSides(final Duration timeout)
    {
        final List<TopologyTrialRunner.Receiver> sides = new ArrayList<>();
        for (final FakeReceiver receiver : receivers)
        {
            sides.add(new TopologyTrialRunner.Receiver(receiver.name, new AgentReceiverSide(new AgentClient(
                receiver.server.url(), null, timeout), null)));
        }
        return sides;
    }

    /**
     * @param rate    a sender's share, messages per second.
     * @param windowNs the trial's warm-up and window.
     * @return what a fake sender sends at that rate over that time: the messages due, whole ones.
     */
    static long due(final long rate, final long windowNs)
    {
        return Math.multiplyExact(rate, windowNs) / NS_PER_S;
    }

    @Override
    public void close()
    {
        for (final FakeSender sender : senders)
        {
            sender.server.close();
        }
        for (final FakeReceiver receiver : receivers)
        {
            receiver.server.close();
        }
        clock.shutdownNow();
    }

    /**
     * Calls an agent served, per path and trial.
     */
    static final class Calls
    {
        private record Call(String path, int trialId)
        {
        }

        private final Map<Call, AtomicInteger> counts = new ConcurrentHashMap<>();
        private final AtomicInteger all = new AtomicInteger();

        private void served(final String path, final int trialId)
        {
            counts.computeIfAbsent(new Call(path, trialId), call -> new AtomicInteger()).incrementAndGet();
            all.incrementAndGet();
        }

        /**
         * @param path    a path of {@link AgentApi}.
         * @param trialId a trial.
         * @return how many calls of that path for that trial it served.
         */
        int of(final String path, final int trialId)
        {
            final AtomicInteger count = counts.get(new Call(path, trialId));
            return count == null ? 0 : count.get();
        }

        /**
         * @return how many trial calls it served in all, every path and trial.
         */
        int all()
        {
            return all.get();
        }
    }

    /**
     * A sender agent that sends nothing and reports its share of the rate over the trial's time, exactly.
     */
    final class FakeSender
    {
        private final String name;
        private final String group;
        private final AgentServer server;
        private final Calls calls = new Calls();
        private final Map<Integer, Long> shares = new ConcurrentHashMap<>();
        private volatile SenderTrialReport last;

        private FakeSender(final String name, final String group) throws InterruptedException
        {
            this.name = name;
            this.group = group;
            this.server = AgentServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null,
                new Router()
                    .get(AgentApi.STATUS, this::status)
                    .postLater(AgentApi.TRIAL_RUN, this::run)
                    .post(AgentApi.TRIAL_STOP, this::stop));
        }

        /**
         * @return what the controller calls it.
         */
        String name()
        {
            return name;
        }

        /**
         * @return its base URL.
         */
        String url()
        {
            return server.url();
        }

        /**
         * @return the calls it served.
         */
        Calls calls()
        {
            return calls;
        }

        /**
         * @param trialId a trial.
         * @return the rate it was told to send in that trial, or null when it ran none.
         */
        Long share(final int trialId)
        {
            return shares.get(trialId);
        }

        private AgentResponse status(final AgentRequest request)
        {
            final SenderTrialReport report = last;
            return AgentResponse.json(SenderStatus.of(false, report == null ? null : report.trialId(),
                new SenderSetup(List.of(group), 1, "lo", 65_536, true, 0, 212_992, false,
                    new SendingThread(-1, null, "none: a fake sender sends nothing", List.of()))));
        }

        private CompletableFuture<AgentResponse> run(final AgentRequest request)
        {
            final SenderTrial trial = request.bodyAs(SenderTrial.class);
            calls.served(AgentApi.TRIAL_RUN, trial.trialId());
            final long rate = Long.parseLong(trial.rate());
            shares.put(trial.trialId(), rate);
            final long windowNs = trial.warmUpNs() + trial.durationNs();
            final long startEpochNs = System.currentTimeMillis() * 1_000_000L;
            final CompletableFuture<AgentResponse> answer = new CompletableFuture<>();
            clock.schedule(() ->
            {
                final long sent = due(rate, windowNs);
                final long warmUp = due(rate, trial.warmUpNs());
                final SenderTrialReport report = new SenderTrialReport(trial.trialId(), "constant " + rate + "/s",
                    List.of(group), 1, trial.sizeBytes(), 0, "park", "duration", windowNs, sent, 0, warmUp, sent,
                    (double)rate, (double)rate, 0.0, 0, 0, false, null, sent, 1.0, sent, 0, Map.of(), 0L,
                    END_MARKERS, 0, null, new SenderPacing(0, 0, 0, 0, 0, 0, 0, 0, trial.burstLimit(),
                    trial.burstLimit() == null ? null : 0L), startEpochNs);
                ledger.computeIfAbsent(trial.trialId(), id -> new ConcurrentHashMap<>()).put(group, sent);
                last = report;
                answer.complete(AgentResponse.json(new SenderRunAnswer(true, report, new CpuUse(0, 0),
                    new CpuUse(0, 0))));
            }, windowNs, TimeUnit.NANOSECONDS);
            return answer;
        }

        private AgentResponse stop(final AgentRequest request)
        {
            request.bodyAs(SenderTrialStop.class);
            final SenderTrialReport report = last;
            if (report == null)
            {
                throw new AgentException(404, "no trial to stop");
            }
            calls.served(AgentApi.TRIAL_STOP, report.trialId());
            return AgentResponse.json(SenderResultAnswer.done(report));
        }
    }

    /**
     * A receiver agent that reads nothing and reports what the senders sent to its groups, nothing lost.
     */
    final class FakeReceiver
    {
        private final String name;
        private final List<String> groups;
        private final AgentServer server;
        private final Calls calls = new Calls();
        private volatile Integer trialId;
        private volatile long begunNs;

        private FakeReceiver(final String name, final List<String> groups) throws InterruptedException
        {
            this.name = name;
            this.groups = List.copyOf(groups);
            this.server = AgentServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null,
                new Router()
                    .get(AgentApi.STATUS, this::status)
                    .post(AgentApi.TRIAL_BEGIN, this::begin)
                    .post(AgentApi.TRIAL_END, this::end));
        }

        /**
         * @return what the controller calls it.
         */
        String name()
        {
            return name;
        }

        /**
         * @return the calls it served.
         */
        Calls calls()
        {
            return calls;
        }

        private static long inode(final int socket)
        {
            return 1_000_000L + socket;
        }

        private AgentResponse status(final AgentRequest request)
        {
            final List<ReceiverStatus.Socket> sockets = new ArrayList<>();
            for (int i = 0; i < groups.size(); i++)
            {
                sockets.add(new ReceiverStatus.Socket(i, groups.get(i), inode(i), 0, RCVBUF_BYTES, "the default"));
            }
            return AgentResponse.json(new ReceiverStatus(AgentApi.RECEIVER, AgentApi.PROTOCOL_VERSION, trialId,
                "recvmmsg", "none", sockets, 1, null, RCVBUF_BYTES, List.of(), List.of()));
        }

        private AgentResponse begin(final AgentRequest request)
        {
            final ReceiverTrial trial = request.bodyAs(ReceiverTrial.class);
            calls.served(AgentApi.TRIAL_BEGIN, trial.trialId());
            trialId = trial.trialId();
            begunNs = System.nanoTime();
            return AgentResponse.json(new ReceiverBeginAnswer(trial.trialId(), trial.sizeBytes() == null ? null :
                new ReceiveBuffer(RCVBUF_BYTES, TRUESIZE_BYTES, RCVBUF_BYTES / TRUESIZE_BYTES)));
        }

        private AgentResponse end(final AgentRequest request)
        {
            final ReceiverTrialEnd end = request.bodyAs(ReceiverTrialEnd.class);
            if (trialId == null || trialId != end.trialId())
            {
                throw new AgentException(409, "trial " + end.trialId() + " was not begun here (current: " + trialId +
                    ")");
            }
            calls.served(AgentApi.TRIAL_END, end.trialId());
            final Map<String, Long> sentTo = ledger.getOrDefault(end.trialId(), Map.of());
            final List<SocketResult> sockets = new ArrayList<>();
            final Map<Long, Long> socketDrops = new LinkedHashMap<>();
            long received = 0;
            long markers = 0;
            int streamsEnded = 0;
            for (int i = 0; i < groups.size(); i++)
            {
                final Long sent = sentTo.get(groups.get(i));
                final long taken = sent == null ? 0 : sent;
                final long ended = sent == null ? 0 : END_MARKERS;
                sockets.add(new SocketResult(i, groups.get(i), inode(i), taken, taken, 0, taken + ended,
                    taken + ended == 0 ? 0 : 1, 0, 0, 0, 0, RCVBUF_BYTES, "none", null));
                socketDrops.put(inode(i), 0L);
                received += taken;
                markers += ended;
                streamsEnded += sent == null ? 0 : 1;
            }
            final ReceiverTrialReport result = new ReceiverTrialReport(end.trialId(), true,
                (System.nanoTime() - begunNs) / 1e9, received, received, 0, 0, 0, 0, 0, 0, received + markers,
                sockets.size(), Map.of(), 0, markers, streamsEnded, 0, RCVBUF_BYTES, "none", sockets, List.of(),
                null, null, null);
            final WindowCounters counters = new WindowCounters(Map.of(Layer.SOFTIRQ_BACKLOG.label(), 0L,
                Layer.NIC.label(), 0L), socketDrops, 0L, 0L, 0L, 0, Map.of(), "not counted: a fake receiver", null,
                List.of(), null, null);
            return AgentResponse.json(new ReceiverEndAnswer(result, counters, true, null, null, 0,
                new CpuUse(0, 0), new CpuUse(0, 0)));
        }
    }
}
