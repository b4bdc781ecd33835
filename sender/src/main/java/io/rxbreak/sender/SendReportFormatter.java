package io.rxbreak.sender;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.rxbreak.core.config.Units;
import io.rxbreak.core.protocol.SenderPacing;
import io.rxbreak.core.protocol.SenderSetup;
import io.rxbreak.core.protocol.SenderSnapshot;
import io.rxbreak.core.protocol.SenderTrialReport;

/**
 * The human output of {@code rxbreak send}: a start-up line, one fixed-width line per interval under a header,
 * and a final summary. Runs on the reporting thread, never on the sending one.
 */
final class SendReportFormatter
{
    static final String INTERVAL_HEADER = String.format(Locale.ROOT, "%9s %12s %11s %11s %9s %10s %10s %6s %8s",
        "time", "sent", "rate/s", "target/s", "lag-us", "max-lag-us", "batches", "mean", "errors");

    private SendReportFormatter()
    {
    }

    static String startLine(final SenderSetup setup, final Trial trial)
    {
        final TrialPlan plan = trial.plan();
        final StringBuilder text = new StringBuilder("send: trial ").append(plan.trialId()).append(" to ")
            .append(String.join(", ", setup.groups()));
        text.append(" (").append(setup.streamsPerGroup()).append(setup.streamsPerGroup() == 1 ? " stream" : " streams")
            .append(setup.groups().size() > 1 ? " each" : "").append(") via ").append(setup.interfaceName())
            .append(", ttl ").append(setup.ttl()).append(" (read back)");
        text.append(", ").append(plan.schedule().variableLength() ? "sizes from the feed" : plan.sizeBytes() + " B");
        text.append(", ").append(plan.schedule().describe());
        if (plan.warmupNs() > 0)
        {
            text.append(", warm-up ").append(Units.formatDuration(plan.warmupNs()));
        }
        if (plan.count() > 0)
        {
            text.append(", ").append(plan.count()).append(" messages");
        }
        if (plan.durationNs() > 0)
        {
            text.append(", for ").append(Units.formatDuration(plan.durationNs()));
        }
        if (!plan.isBounded())
        {
            text.append(", until stopped");
        }
        text.append(", gso ").append(trial.gsoSegments() == 0 ? "off" : trial.gsoSegments() + " segments/send")
            .append(", idle ").append(trial.idleMode().name().toLowerCase(Locale.ROOT))
            .append(", batch <= ").append(trial.maxBatchMessages());
        return text.toString();
    }

    static Map<String, Object> startJson(final SenderSetup setup, final Trial trial)
    {
        final TrialPlan plan = trial.plan();
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "start");
        json.put("trialId", plan.trialId());
        json.put("groups", setup.groups());
        json.put("streamsPerGroup", setup.streamsPerGroup());
        json.put("interface", setup.interfaceName());
        json.put("interfaceMtu", setup.interfaceMtu());
        json.put("ttl", setup.ttl());
        json.put("sndbufBytes", setup.sndbufBytes());
        json.put("sizeBytes", plan.maxMessageLength(plan.sizeBytes()));
        json.put("pattern", plan.schedule().describe());
        final double target = plan.schedule().targetRatePerSecond();
        json.put("targetRate", Double.isNaN(target) ? null : target);
        json.put("count", plan.count());
        json.put("durationNs", plan.durationNs());
        json.put("warmupNs", plan.warmupNs());
        json.put("gsoSupported", setup.gsoSupported());
        json.put("gsoSegments", trial.gsoSegments());
        json.put("idle", trial.idleMode().name().toLowerCase(Locale.ROOT));
        json.put("maxBatch", trial.maxBatchMessages());
        json.put("notes", trial.notes());
        return json;
    }

    static String intervalLine(final SenderSnapshot previous, final SenderSnapshot now, final double targetRate)
    {
        final long dtNs = now.elapsedNs() - previous.elapsedNs();
        final double rate = dtNs <= 0 ? 0 : (now.sent() - previous.sent()) * 1e9 / dtNs;
        final long batches = now.batches() - previous.batches();
        final long messages = now.sent() + now.failed() - previous.sent() - previous.failed();
        final long errors = errorTotal(now) - errorTotal(previous);
        return String.format(Locale.ROOT, "%8.3fs %12d %11.0f %11s %9d %10d %10d %6.1f %8d",
            now.elapsedNs() / 1e9, now.sent(), rate, Double.isNaN(targetRate) ? "max" : String.format(Locale.ROOT,
                "%.0f", targetRate), now.lagNs() / 1_000, now.maxLagNs() / 1_000, batches,
            batches == 0 ? 0.0 : (double)messages / batches, errors);
    }

    static Map<String, Object> intervalJson(final SenderSnapshot previous, final SenderSnapshot now)
    {
        final long dtNs = now.elapsedNs() - previous.elapsedNs();
        final long batches = now.batches() - previous.batches();
        final long messages = now.sent() + now.failed() - previous.sent() - previous.failed();
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "interval");
        json.put("trialId", now.trialId());
        json.put("elapsedNs", now.elapsedNs());
        json.put("intervalNs", dtNs);
        json.put("sent", now.sent());
        json.put("intervalSent", now.sent() - previous.sent());
        json.put("rate", dtNs <= 0 ? 0.0 : (now.sent() - previous.sent()) * 1e9 / dtNs);
        json.put("lagNs", now.lagNs());
        json.put("maxLagNs", now.maxLagNs());
        json.put("batches", batches);
        json.put("meanBatchSize", batches == 0 ? 0.0 : (double)messages / batches);
        json.put("failed", now.failed());
        json.put("errors", now.errors());
        return json;
    }

    static String resultText(final SenderTrialReport result)
    {
        final StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "result: trial %d sent %d messages in %s (%s): %.1f msg/s",
            result.trialId(), result.sent(), Units.formatDuration(result.windowNs()), result.stopReason(),
            result.achievedRate()));
        if (result.targetRate() != null)
        {
            text.append(String.format(Locale.ROOT, ", target %.1f/s, %d due, shortfall %.2f %%", result.targetRate(),
                result.expected(), result.shortfall() * 100));
        }
        else
        {
            text.append(" (max rate)");
        }
        text.append(System.lineSeparator());
        text.append(String.format(Locale.ROOT, "        lag max %s, at the end %s; %d batches of %.1f messages, %d " +
            "datagram writes (gso %s), %d stalls", Units.formatDuration(result.maxLagNs()),
            Units.formatDuration(result.endLagNs()), result.batches(), result.meanBatchSize(), result.packets(),
            result.gsoSegments() == 0 ? "off" : result.gsoSegments() + " segments", result.stalls()));
        text.append(System.lineSeparator());
        final SenderPacing pacing = result.pacing();
        text.append(String.format(Locale.ROOT, "        lag over the batches: p50 %s, p99 %s, p99.9 %s, max %s (at %s); "
            + "late bursts %d, the largest %d messages, %d messages late in all", Units.formatDuration(pacing.lagP50Ns()),
            Units.formatDuration(pacing.lagP99Ns()), Units.formatDuration(pacing.lagP999Ns()),
            Units.formatDuration(pacing.lagMaxNs()), Units.formatDuration(pacing.lagMaxAtNs()), pacing.lateBursts(),
            pacing.largestBurst(), pacing.lateMessages()));
        text.append(System.lineSeparator());
        text.append("        errors ").append(result.errors().isEmpty() ? "none" : result.errors().toString())
            .append(", failed messages ").append(result.failed())
            .append(", Udp SndbufErrors ").append(result.sndbufErrorsDelta() == null ? "n/a" :
                "+" + result.sndbufErrorsDelta())
            .append(", warm-up ").append(result.warmupSent())
            .append(", end markers ").append(result.endMarkersSent())
            .append(", sender thread allocated ").append(result.senderThreadAllocatedBytes() < 0 ? "n/a" :
                result.senderThreadAllocatedBytes() + " B");
        text.append(System.lineSeparator());
        text.append(result.senderLimited() ? "        SENDER-LIMITED: " + result.senderLimitedReason() :
            "        ok: the sender kept its schedule");
        return text.toString();
    }

    private static long errorTotal(final SenderSnapshot snapshot)
    {
        long total = 0;
        for (final long count : snapshot.errors().values())
        {
            total += count;
        }
        return total;
    }
}
