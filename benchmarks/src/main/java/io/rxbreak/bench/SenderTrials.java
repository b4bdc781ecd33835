package io.rxbreak.bench;

import java.util.concurrent.TimeUnit;

import io.rxbreak.core.control.Json;
import io.rxbreak.core.time.NanoClock;
import io.rxbreak.sender.Sender;
import io.rxbreak.sender.SenderConfig;
import io.rxbreak.sender.SnmpSndbufErrors;
import io.rxbreak.sender.Trial;
import io.rxbreak.sender.TrialPlan;

/**
 * Runs several trials in ONE sender, as a ramp controller will: the first trial pays for class loading and JIT,
 * the next ones show the warm engine (its pacing and the sending thread's allocation). Prints every trial's result
 * as a JSON line. Run it inside a network namespace (the scripts do), or on lo where the TTL is 0.
 *
 * <pre>
 * java -cp benchmarks.jar io.rxbreak.bench.SenderTrials GROUP:PORT RATE|max SIZE DURATION TRIALS [GSO auto|off|N]
 * </pre>
 */
public final class SenderTrials
{
    private SenderTrials()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final String group = args[0];
        final String rate = args[1];
        final long sizeBytes = Long.parseLong(args[2]);
        final long durationNs = io.rxbreak.core.config.Units.parseDurationNs(args[3]);
        final int trials = Integer.parseInt(args[4]);
        final String gso = args.length > 5 ? args[5] : "auto";
        final SenderConfig config = SenderConfig.builder().group(group).gso(gso).build();
        try (Sender sender = Sender.open(config, NanoClock.SYSTEM, new SnmpSndbufErrors(SnmpSndbufErrors.PROC_NET_SNMP)))
        {
            for (int t = 1; t <= trials; t++)
            {
                final Trial trial = sender.startTrial(TrialPlan.builder().trialId(t).rate(rate).sizeBytes(sizeBytes)
                    .durationNs(durationNs).build());
                System.out.println(Json.toLine(trial.result().get(durationNs + 30_000_000_000L,
                    TimeUnit.NANOSECONDS)));
                System.out.flush();
            }
        }
    }
}
