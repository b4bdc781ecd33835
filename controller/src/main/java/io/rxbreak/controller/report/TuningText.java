package io.rxbreak.controller.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.rxbreak.controller.report.html.ShellWords;
import io.rxbreak.controller.tune.BreakFigures;
import io.rxbreak.controller.tune.Proposal;
import io.rxbreak.controller.tune.TuneSetting;
import io.rxbreak.controller.tune.Tuning;

/**
 * The tuning file's settings and the proposal in words, for the console and the HTML page: one wording for both.
 */
public final class TuningText
{
    private TuningText()
    {
    }

    /**
     * @param tuning what a tuning file set.
     * @return the table's rows: line, setting, where, before, asked, read back.
     */
    public static List<String[]> rows(final Tuning tuning)
    {
        final List<String[]> rows = new ArrayList<>();
        for (final TuneSetting setting : tuning.settings())
        {
            rows.add(new String[] {Integer.toString(setting.line()), setting.key(),
                setting.site() == null ? "-" : setting.site().name().toLowerCase(Locale.ROOT), orDash(setting.before()),
                setting.asked(), setting.applied() ? setting.readBack() :
                orDash(setting.readBack()) + " (failure ignored: '-' line)"});
        }
        return rows;
    }

    /** The table's headers. */
    public static final String[] HEADERS = {"line", "setting", "where", "before", "asked", "read back"};

    /**
     * @param proposal a proposal.
     * @return its headline, like {@code socket-buffer broke first at 20,312 msgs/s}.
     */
    public static String headline(final Proposal proposal)
    {
        return proposal.figures().layer() + (proposal.figures().fellBehind() ? " fell behind first" : " broke first")
            + " at " + String.format(Locale.ROOT, "%,d msgs/s", proposal.figures().rate());
    }

    /**
     * @param proposal a proposal.
     * @return the figures it was computed from, in one line.
     */
    public static String basis(final Proposal proposal)
    {
        final BreakFigures figures = proposal.figures();
        final StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
            "from the run: the worst failed trial at that rate lost %,d there", figures.worstTrialDrops()));
        if (figures.bufferDatagrams() != null && figures.truesizeBytes() != null)
        {
            text.append(String.format(Locale.ROOT, "; the socket buffer held %,d datagrams of %,d B (truesize)",
                figures.bufferDatagrams(), figures.truesizeBytes()));
        }
        if (figures.rcvbufGrantedBytes() != null)
        {
            text.append(String.format(Locale.ROOT, "; %,d B granted", figures.rcvbufGrantedBytes()));
        }
        if (figures.timeSqueeze() != null)
        {
            text.append(String.format(Locale.ROOT, "; time_squeeze %,d", figures.timeSqueeze()));
        }
        return text.toString();
    }

    /**
     * @param proposal a proposal.
     * @return the receiver's option in words, or null when it has none.
     */
    public static String receiver(final Proposal proposal)
    {
        return proposal.rcvbufBytes() == null ? null : String.format(Locale.ROOT, "--rcvbuf %d (the kernel doubles "
            + "it to %,d B; an application sets SO_RCVBUF to the same)", proposal.rcvbufBytes(),
            2 * proposal.rcvbufBytes());
    }

    /**
     * @param proposal a proposal.
     * @return the sweep that verifies it, as a shell line, or null when there is none.
     */
    public static String sweep(final Proposal proposal)
    {
        return proposal.sweep().isEmpty() ? null : ShellWords.join("rxbreak", proposal.sweep());
    }

    /**
     * Append the tuning and the proposal sections to the console summary.
     *
     * @param out the summary.
     * @param report the run.
     * @param indent the summary's indent.
     */
    static void appendTo(final StringBuilder out, final RunReport report, final String indent)
    {
        if (report.tuning() != null)
        {
            out.append("\nTuning (").append(report.tuning().file()).append("; the host's values restored when the run "
                + "ended, the sandbox's gone with it)\n");
            final TextTable table = new TextTable(HEADERS, new boolean[] {true, false, false, false, false, false});
            rows(report.tuning()).forEach(table::row);
            table.appendTo(out, indent);
        }
        final Proposal proposal = report.proposal();
        if (proposal == null)
        {
            return;
        }
        out.append("\nProposal (").append(headline(proposal)).append(")\n");
        out.append(indent).append(proposal.kind().advice()).append('\n');
        out.append(indent).append(basis(proposal)).append('\n');
        if (receiver(proposal) != null)
        {
            out.append(indent).append("receiver: ").append(receiver(proposal)).append('\n');
        }
        if (proposal.sysctlD() != null)
        {
            out.append(indent).append(Proposal.SYSCTL_D_FILE).append(":\n");
            proposal.sysctlD().lines().forEach(line -> out.append(indent).append(indent).append(line).append('\n'));
            out.append(indent).append("TuneD profile (tuned.conf):\n");
            proposal.tuned().lines().forEach(line -> out.append(indent).append(indent).append(line).append('\n'));
        }
        if (sweep(proposal) != null)
        {
            out.append(indent).append("verify: ").append(sweep(proposal)).append('\n');
        }
    }

    private static String orDash(final String value)
    {
        return value == null ? "-" : value;
    }
}
