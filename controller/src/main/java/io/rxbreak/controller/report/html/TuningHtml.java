package io.rxbreak.controller.report.html;

import io.rxbreak.controller.report.RunReport;
import io.rxbreak.controller.report.TuningText;
import io.rxbreak.controller.tune.Proposal;

/**
 * The report page's tuning section (what {@code --tune} set: before, asked, read back) and proposal section (the fix
 * for the layer that broke first, ready to copy), in {@link TuningText}'s words.
 */
final class TuningHtml
{
    private TuningHtml()
    {
    }

    /**
     * @param html the page.
     * @param report the run.
     */
    static void append(final StringBuilder html, final RunReport report)
    {
        final Proposal proposal = report.proposal();
        if (proposal != null)
        {
            html.append("<h2>Proposal</h2>\n<div class=\"panel\" id=\"proposal\">\n<p><strong>")
                .append(Html.escape(TuningText.headline(proposal))).append("</strong>: ")
                .append(Html.escape(proposal.kind().advice())).append("</p>\n<p class=\"sub\">")
                .append(Html.escape(TuningText.basis(proposal))).append("</p>\n");
            if (TuningText.receiver(proposal) != null)
            {
                html.append("<p>receiver: <code>").append(Html.escape(TuningText.receiver(proposal)))
                    .append("</code></p>\n");
            }
            if (proposal.sysctlD() != null)
            {
                html.append("<p>").append(Html.escape(Proposal.SYSCTL_D_FILE)).append("</p>\n<pre id=\"sysctl-d\">")
                    .append(Html.escape(proposal.sysctlD())).append("</pre>\n<p>TuneD profile (tuned.conf)</p>\n")
                    .append("<pre id=\"tuned\">").append(Html.escape(proposal.tuned())).append("</pre>\n");
            }
            if (TuningText.sweep(proposal) != null)
            {
                html.append("<p>verify</p>\n<pre id=\"sweep\">").append(Html.escape(TuningText.sweep(proposal)))
                    .append("</pre>\n");
            }
            html.append("</div>\n");
        }
        if (report.tuning() != null)
        {
            html.append("<h2>Tuning</h2>\n<p class=\"sub\">").append(Html.escape(report.tuning().file()))
                .append(": the host's values restored when the run ended, the sandbox's gone with it</p>\n")
                .append("<div class=\"panel\" style=\"padding:0\"><table id=\"tuning\">\n<tr>");
            for (final String header : TuningText.HEADERS)
            {
                html.append("<th>").append(Html.escape(header)).append("</th>");
            }
            html.append("</tr>\n");
            for (final String[] row : TuningText.rows(report.tuning()))
            {
                html.append("<tr>");
                for (final String cell : row)
                {
                    html.append("<td>").append(Html.escape(cell)).append("</td>");
                }
                html.append("</tr>\n");
            }
            html.append("</table></div>\n");
        }
    }
}
