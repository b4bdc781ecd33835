package io.rxbreak.controller.report.csv;

import io.rxbreak.core.protocol.SenderPacing;
import io.rxbreak.controller.trial.HarnessLoad;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.rxbreak.core.counters.Layer;
import io.rxbreak.controller.report.RunReport;
import io.rxbreak.controller.trial.Latency;
import io.rxbreak.controller.trial.TrialRecord;

/**
 * {@code report.csv}: one row per trial, one column per figure, for spreadsheets and pipelines. RFC 4180: a
 * header row, fields separated by commas, lines ended by CRLF, a field quoted (with quotes doubled) when it holds
 * a comma, a quote or a line break. Numbers are unformatted (no separators, no units, a dot for decimals); an
 * empty field means not measured. Drop columns per layer follow {@link Layer}'s order.
 */
public final class TrialsCsv
{
    private static final String EOL = "\r\n";

    private TrialsCsv()
    {
    }

    /**
     * @return the header row's column names, in order.
     */
    public static List<String> columns()
    {
        final List<String> columns = new ArrayList<>(List.of("trial", "attempt", "phase", "goal", "target_rate",
            "achieved_rate", "received_rate", "sender_lag_ns", "warm_up_ns", "duration_ns", "sent", "received", "gaps",
            "lost", "loss_ratio", "verdict", "invalid_reason"));
        for (final Layer layer : Layer.values())
        {
            columns.add("drops_" + layer.label().replace('-', '_'));
        }
        columns.addAll(List.of("unexplained", "host_rcvbuf_errors", "time_squeeze", "peak_rx_queue_bytes",
            "latency_p50_ns", "latency_p90_ns", "latency_p99_ns", "latency_p999_ns", "latency_max_ns",
            "attribution_first", "detail", "counter_failure", "backlog_growth", "fell_behind",
            "sender_lag_p99_ns", "sender_lag_p999_ns", "sender_lag_max_ns", "largest_burst", "late_bursts",
            "bursts_over_buffer", "buffer_datagrams", "receiver_run_queue_wait_ns", "receiver_wait_share",
            "harness_cpu_ns", "receiver_steal_share"));
        return columns;
    }

    /**
     * @param report the run.
     * @return the CSV text.
     */
    public static String render(final RunReport report)
    {
        final StringBuilder csv = new StringBuilder(256 + report.trials().size() * 256);
        row(csv, columns());
        for (final TrialRecord record : report.trials())
        {
            row(csv, fields(record));
        }
        return csv.toString();
    }

    private static List<String> fields(final TrialRecord record)
    {
        final List<String> fields = new ArrayList<>();
        fields.add(Integer.toString(record.request().trial()));
        fields.add(Integer.toString(record.request().attempt()));
        fields.add(record.request().phase().name().toLowerCase(Locale.ROOT));
        fields.add(text(record.request().goal()));
        fields.add(Long.toString(record.request().targetRate()));
        fields.add(number(record.result().achievedRate()));
        fields.add(record.request().durationNs() > 0 ? number(record.result().received() * 1e9 / record.request().durationNs()) : "");
        fields.add(Long.toString(record.result().senderLagNs()));
        fields.add(Long.toString(record.request().warmUpNs()));
        fields.add(Long.toString(record.request().durationNs()));
        fields.add(Long.toString(record.result().sent()));
        fields.add(Long.toString(record.result().received()));
        fields.add(Long.toString(record.result().gaps()));
        fields.add(Long.toString(record.lost()));
        fields.add(number(record.lossRatio()));
        fields.add(record.judgement().verdict().name());
        fields.add(record.judgement().invalidReason() == null ? "" : record.judgement().invalidReason().name());
        for (final Layer layer : Layer.values())
        {
            fields.add(optional(record.result().dropsByLayer().get(layer)));
        }
        fields.add(Long.toString(record.unexplained()));
        fields.add(optional(record.result().hostRcvbufErrors()));
        fields.add(optional(record.result().timeSqueeze()));
        fields.add(optional(record.result().peakRxQueueBytes()));
        final Latency latency = record.result().latency();
        fields.add(latency == null ? "" : Long.toString(latency.p50Ns()));
        fields.add(latency == null ? "" : Long.toString(latency.p90Ns()));
        fields.add(latency == null ? "" : Long.toString(latency.p99Ns()));
        fields.add(latency == null ? "" : Long.toString(latency.p999Ns()));
        fields.add(latency == null ? "" : Long.toString(latency.maxNs()));
        fields.add(record.judgement().attribution().isEmpty() ? "" : record.judgement().attribution().get(0).layer());
        fields.add(text(record.judgement().detail()));
        fields.add(text(record.result().counterFailure()));
        fields.add(record.result().backlogGrowth() == null ? "" : number(record.result().backlogGrowth()));
        fields.add(Boolean.toString(record.fellBehind()));
        final SenderPacing pacing = record.result().senderPacing();
        fields.add(pacing == null ? "" : Long.toString(pacing.lagP99Ns()));
        fields.add(pacing == null ? "" : Long.toString(pacing.lagP999Ns()));
        fields.add(pacing == null ? "" : Long.toString(pacing.lagMaxNs()));
        fields.add(pacing == null ? "" : Long.toString(pacing.largestBurst()));
        fields.add(pacing == null ? "" : Long.toString(pacing.lateBursts()));
        fields.add(pacing == null ? "" : optional(pacing.burstsOverLimit()));
        fields.add(record.result().receiveBuffer() == null ? "" : Long.toString(record.result().receiveBuffer().datagrams()));
        final HarnessLoad load = record.result().harnessLoad();
        fields.add(load == null || load.receiver() == null ? "" : Long.toString(load.receiver().runQueueWaitNs()));
        fields.add(record.receiverWaitShare() == null ? "" : number(record.receiverWaitShare()));
        fields.add(load == null ? "" : Long.toString(load.harnessCpuNs()));
        fields.add(record.receiverStealShare() == null ? "" : number(record.receiverStealShare()));
        return fields;
    }

    private static void row(final StringBuilder csv, final List<String> fields)
    {
        for (int i = 0; i < fields.size(); i++)
        {
            if (i > 0)
            {
                csv.append(',');
            }
            csv.append(quote(fields.get(i)));
        }
        csv.append(EOL);
    }

    /**
     * @param field a field's text.
     * @return it as RFC 4180 writes it: quoted, with quotes doubled, when it holds a comma, quote, CR or LF.
     */
    public static String quote(final String field)
    {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\r') < 0 && field.indexOf('\n') < 0)
        {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    private static String number(final double value)
    {
        if (!Double.isFinite(value))
        {
            return "";
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String optional(final Long value)
    {
        return value == null ? "" : Long.toString(value);
    }

    private static String text(final String value)
    {
        return value == null ? "" : value;
    }
}
