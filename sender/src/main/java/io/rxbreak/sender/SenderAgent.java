package io.rxbreak.sender;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.control.AgentException;
import io.rxbreak.core.control.AgentLoop;
import io.rxbreak.core.control.AgentOptions;
import io.rxbreak.core.control.AgentRequest;
import io.rxbreak.core.control.AgentResponse;
import io.rxbreak.core.control.ClockHandler;
import io.rxbreak.core.control.PrometheusText;
import io.rxbreak.core.control.Router;
import io.rxbreak.core.os.JvmQuiet;
import io.rxbreak.core.os.ThreadGroupClock;
import io.rxbreak.core.protocol.AgentApi;
import io.rxbreak.core.protocol.CpuUse;
import io.rxbreak.core.protocol.PatternSpec;
import io.rxbreak.core.protocol.SenderResultAnswer;
import io.rxbreak.core.protocol.SenderRunAnswer;
import io.rxbreak.core.protocol.SenderSnapshot;
import io.rxbreak.core.protocol.SenderStartAnswer;
import io.rxbreak.core.protocol.SenderStatus;
import io.rxbreak.core.protocol.SenderTrial;
import io.rxbreak.core.protocol.SenderTrialReport;
import io.rxbreak.core.protocol.SenderTrialStop;

/**
 * {@code rxbreak send --agent}: the sender driven by a controller over the control protocol ({@link AgentApi}).
 * It opens its sockets once and runs one trial after another as it is told; a trial's result is the final object
 * of {@code rxbreak send --json}.
 */
final class SenderAgent
{
    private static final long STOP_WAIT_S = 10;

    private final Sender sender;
    private final ReplayFeed replay;
    private final ExecutorService answers = Executors.newSingleThreadExecutor(runnable ->
    {
        final Thread thread = new Thread(runnable, "rxbreak-agent-answers");
        thread.setDaemon(true);
        return thread;
    });

    private SenderAgent(final Sender sender, final ReplayFeed replay)
    {
        this.sender = sender;
        this.replay = replay;
    }

    /**
     * Serve until SIGINT/SIGTERM, or until the controller that started it is gone.
     *
     * @param sender the opened sender.
     * @param replay the feed the agent was started to replay ({@code --pattern replay:FILE}), whose routing made
     *     the sender's groups; null for none.
     * @param options where to listen, the token, TLS, whether to exit with the parent.
     * @param out where the listening line goes.
     * @param err where a warning goes.
     * @return the exit code.
     * @throws InterruptedException when interrupted while binding.
     */
    static int run(final Sender sender, final ReplayFeed replay, final AgentOptions options, final PrintWriter out,
        final PrintWriter err) throws InterruptedException
    {
        final SenderAgent agent = new SenderAgent(sender, replay);
        try
        {
            AgentLoop.serve(options, agent.router(), out, err, "send");
        }
        finally
        {
            agent.answers.shutdownNow();
            final Trial trial = sender.currentTrial();
            if (trial != null && !trial.isDone())
            {
                trial.stop();
            }
        }
        return 0;
    }

    private Router router()
    {
        return new Router()
            .get(AgentApi.STATUS, this::status)
            .get(AgentApi.METRICS, this::metrics)
            .get(AgentApi.CLOCK, new ClockHandler(sender.epochClock()))
            .post(AgentApi.TRIAL_START, this::start)
            .postLater(AgentApi.TRIAL_RUN, this::run)
            .get(AgentApi.TRIAL_RESULT, this::result)
            .post(AgentApi.TRIAL_STOP, this::stop);
    }

    private AgentResponse status(final AgentRequest request)
    {
        final Trial trial = sender.currentTrial();
        return AgentResponse.json(SenderStatus.of(trial != null && !trial.isDone(),
            trial == null ? null : trial.trialId(), sender.setup()));
    }

    private AgentResponse start(final AgentRequest request) throws InterruptedException
    {
        final Trial trial = startPrepared(request.bodyAs(SenderTrial.class), () -> { });
        return AgentResponse.json(new SenderStartAnswer(trial.trialId(), trial.notes()));
    }

    /**
     * Run a trial and answer when it ended, without holding the agent's worker thread meanwhile: the controller
     * asks once before the first message and hears back after the last, so that nothing on the control plane runs
     * beside the sending thread while it sends.
     */
    private CompletableFuture<AgentResponse> run(final AgentRequest request) throws InterruptedException
    {
        final long pid = ProcessHandle.current().pid();
        final List<Integer> sending = List.of(sender.setup().sendingThread().tid());
        final ThreadGroupClock sendingClock = ThreadGroupClock.of(pid, sending);
        final ThreadGroupClock agentClock = ThreadGroupClock.allBut(pid, sending);
        final Trial trial = startPrepared(request.bodyAs(SenderTrial.class), () ->
        {
            sendingClock.start();
            agentClock.start();
        });
        return trial.result()
            .handle((result, failure) -> trial)
            .thenApplyAsync(done ->
            {
                final CpuUse sendingCpu = sendingClock.stop();
                final CpuUse agentCpu = agentClock.stop();
                try
                {
                    return AgentResponse.json(new SenderRunAnswer(true, finished(done), sendingCpu, agentCpu));
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return AgentResponse.error(503, "interrupted");
                }
                catch (final AgentException ex)
                {
                    return AgentResponse.error(ex.status(), ex.getMessage());
                }
            }, answers);
    }

    private Trial startPrepared(final SenderTrial body, final Runnable justBeforeStart)
        throws InterruptedException
    {
        final TrialPlan.Builder builder = TrialPlan.builder()
            .trialId(body.trialId());
        final PatternSpec pattern = PatternSpec.parse(body.pattern());
        if (pattern.isReplay())
        {
            builder.schedule(replayFeed(pattern.file()).schedule(body.speed() == null ? 1 : body.speed(),
                body.loops() == null ? 1 : body.loops(), body.warmUpNs()));
        }
        else
        {
            builder.rate(body.rate()).pattern(body.pattern());
        }
        builder
            .sizeBytes(body.sizeBytes())
            .durationNs(body.durationNs())
            .warmupNs(body.warmUpNs());
        if (body.endMarkers() != null)
        {
            builder.endMarkers(body.endMarkers());
        }
        if (body.burstLimit() != null)
        {
            builder.burstLimit(body.burstLimit());
        }
        final TrialPlan plan = builder.build();
        final Trial trial;
        try
        {
            trial = sender.prepareTrial(plan);
        }
        catch (final IllegalStateException ex)
        {
            throw new AgentException(409, ex.getMessage());
        }
        // setting the trial up (and this request) queued code for the compiler threads of this JVM and of a local
        // controller, which may share the sending thread's CPU: let them settle before the first message
        JvmQuiet.beforeTrial(body.quietProcesses() == null ? List.of() : body.quietProcesses());
        justBeforeStart.run();
        trial.start();
        return trial;
    }

    /**
     * @param file the feed a trial replays.
     * @return the feed the agent was started with; a feed that names no destination is read now (the sender's
     *     own groups take it).
     * @throws AgentException 400 when the feed is another one, or maps onto other groups than the sender's.
     */
    private ReplayFeed replayFeed(final String file)
    {
        if (replay != null)
        {
            if (!replay.file().equals(file))
            {
                throw new AgentException(400, "this sender agent replays " + replay.file() + ", not " + file +
                    ": start it with --pattern replay:" + file);
            }
            return replay;
        }
        final ReplayFeed loaded;
        try
        {
            loaded = ReplayFeed.load(file, List.of(), true);
        }
        catch (final BadInputException ex)
        {
            throw new AgentException(400, ex.getMessage());
        }
        if (loaded.routing() != null)
        {
            throw new AgentException(400, file + " names its groups: start the sender agent with --pattern replay:" +
                file + " (and its --map) so that its groups are the feed's");
        }
        return loaded;
    }

    private AgentResponse result(final AgentRequest request) throws InterruptedException
    {
        final List<String> asked = request.query().get("trial");
        final Trial trial = sender.currentTrial();
        if (trial == null || (asked != null && !asked.isEmpty() && !asked.get(0).equals(Integer.toString(trial.trialId()))))
        {
            throw new AgentException(404, "no trial " + (asked == null || asked.isEmpty() ? "" : asked.get(0) + " ")
                + "on this sender" + (trial == null ? "" : " (it runs trial " + trial.trialId() + ")"));
        }
        return answer(trial);
    }

    private static AgentResponse answer(final Trial trial) throws InterruptedException
    {
        if (!trial.isDone())
        {
            return AgentResponse.json(SenderResultAnswer.running(trial.snapshot()));
        }
        return AgentResponse.json(SenderResultAnswer.done(finished(trial)));
    }

    private AgentResponse stop(final AgentRequest request) throws InterruptedException
    {
        request.bodyAs(SenderTrialStop.class);
        final Trial trial = sender.currentTrial();
        if (trial == null)
        {
            throw new AgentException(404, "no trial to stop");
        }
        trial.stop();
        return AgentResponse.json(SenderResultAnswer.done(finished(trial)));
    }

    private static SenderTrialReport finished(final Trial trial) throws InterruptedException
    {
        try
        {
            return trial.result().get(STOP_WAIT_S, TimeUnit.SECONDS);
        }
        catch (final ExecutionException ex)
        {
            throw new AgentException(500, "trial " + trial.trialId() + " failed: " + ex.getCause().getMessage(), ex);
        }
        catch (final TimeoutException ex)
        {
            throw new AgentException(503, "trial " + trial.trialId() + " did not finish within " + STOP_WAIT_S + " s");
        }
    }

    private AgentResponse metrics(final AgentRequest request)
    {
        final PrometheusText text = new PrometheusText();
        final Trial trial = sender.currentTrial();
        final SenderSnapshot snapshot = trial == null ? null : trial.snapshot();
        text.gauge("rxbreak_sender_trial_id", "The current or last trial.", trial == null ? 0 : trial.trialId());
        text.counter("rxbreak_sender_sent_total", "Messages sent in the current or last trial (warm-up included).",
            snapshot == null ? 0 : snapshot.sent());
        text.counter("rxbreak_sender_failed_total", "Messages whose send failed in the current or last trial.",
            snapshot == null ? 0 : snapshot.failed());
        text.gauge("rxbreak_sender_lag_seconds", "How far behind its schedule the sender is now.",
            snapshot == null ? 0 : snapshot.lagNs() / 1e9);
        text.gauge("rxbreak_sender_max_lag_seconds", "The most the sender was behind its schedule in the trial.",
            snapshot == null ? 0 : snapshot.maxLagNs() / 1e9);
        if (snapshot != null)
        {
            snapshot.errors().forEach((errno, count) -> text.sample("rxbreak_sender_errors_total", "counter",
                "Failed sends by errno.", Map.of("errno", errno), count));
        }
        return AgentResponse.text(AgentResponse.PROMETHEUS, text.toString());
    }
}
