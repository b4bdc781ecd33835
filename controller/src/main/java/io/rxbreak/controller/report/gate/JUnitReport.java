package io.rxbreak.controller.report.gate;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import io.rxbreak.controller.report.ConsoleSummary;
import io.rxbreak.controller.report.RunReport;
import io.rxbreak.controller.search.GoalResult;
import io.rxbreak.controller.trial.TrialRecord;

/**
 * A run as a JUnit XML result that CI servers show: one {@code <testsuite name="rxbreak ramp">} with a test case
 * per goal ({@code ndr}, {@code pdr} when searched) and, with a baseline, per goal comparison
 * ({@code ndr regression}, {@code pdr regression}).
 * <ul>
 * <li>a goal passes when it has a rate (found, or a lower bound above --max-rate or the sender); it is a
 * <em>failure</em> when nothing passed, an <em>error</em> when it was not reached (the harness could not tell);</li>
 * <li>a comparison is a <em>failure</em> when it regressed, an <em>error</em> when there is no valid comparison,
 * <em>skipped</em> when the goal was not searched on both sides.</li>
 * </ul>
 * A caller may add verdicts of its own on the run ({@link ExtraCase}, a scenario's goal). Every message holds the
 * figures; text from data is escaped and characters XML cannot hold are dropped.
 */
public final class JUnitReport
{
    /** The test suite's name. */
    public static final String SUITE = "rxbreak ramp";
    /** The class name of the run's own test cases. */
    public static final String CLASS_NAME = "rxbreak.ramp";

    private JUnitReport()
    {
    }

    /**
     * @param report the run.
     * @param gate   the regression gate's verdict, or null without a baseline.
     * @return the XML document.
     */
    public static String render(final RunReport report, final GateResult gate)
    {
        return render(report, gate, List.of());
    }

    /**
     * @param report the run.
     * @param gate   the regression gate's verdict, or null without a baseline.
     * @param extra  the caller's own verdicts, as test cases after the run's.
     * @return the XML document.
     */
    public static String render(final RunReport report, final GateResult gate, final List<ExtraCase> extra)
    {
        final List<Case> cases = new ArrayList<>();
        for (final GoalResult goal : report.goals())
        {
            cases.add(goalCase(goal, report));
        }
        if (gate != null)
        {
            for (final GoalComparison comparison : gate.goals())
            {
                cases.add(comparisonCase(comparison));
            }
        }
        for (final ExtraCase verdict : extra)
        {
            cases.add(new Case(verdict.className(), verdict.name(), verdict.error() ? "error" : verdict.failure() ?
                "failure" : null, verdict.error() || verdict.failure() ? verdict.text() : null, verdict.text()));
        }
        try
        {
            return write(report, cases);
        }
        catch (final XMLStreamException ex)
        {
            throw new IllegalStateException("cannot write the JUnit XML: " + ex.getMessage(), ex);
        }
    }

    private static Case goalCase(final GoalResult goal, final RunReport report)
    {
        final String line = ConsoleSummary.goalLine(goal, report);
        switch (goal.status())
        {
            case FOUND:
            case ABOVE_MAX_RATE:
            case ABOVE_SENDER_LIMIT:
            case HELD:
                return new Case(CLASS_NAME, goal.goal(), null, null, line);
            case NOTHING_PASSED:
            case NOT_HELD:
                return new Case(CLASS_NAME, goal.goal(), "failure", line, line);
            default:
                return new Case(CLASS_NAME, goal.goal(), "error", line + " (" + report.outcome().status() + ": "
                    + report.outcome().reason() + ")", line);
        }
    }

    private static Case comparisonCase(final GoalComparison comparison)
    {
        final String name = comparison.goal() + " regression";
        switch (comparison.status())
        {
            case REGRESSED:
                return new Case(CLASS_NAME, name, "failure", comparison.text(), comparison.text());
            case NO_VALID_COMPARISON:
                return new Case(CLASS_NAME, name, "error", comparison.text(), comparison.text());
            case SKIPPED:
                return new Case(CLASS_NAME, name, "skipped", comparison.text(), comparison.text());
            default:
                return new Case(CLASS_NAME, name, null, null, comparison.text());
        }
    }

    private static String write(final RunReport report, final List<Case> cases) throws XMLStreamException
    {
        final StringWriter text = new StringWriter();
        final XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.writeStartElement("testsuites");
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", SUITE);
        xml.writeAttribute("tests", Integer.toString(cases.size()));
        xml.writeAttribute("failures", Long.toString(cases.stream().filter(c -> "failure".equals(c.kind)).count()));
        xml.writeAttribute("errors", Long.toString(cases.stream().filter(c -> "error".equals(c.kind)).count()));
        xml.writeAttribute("skipped", Long.toString(cases.stream().filter(c -> "skipped".equals(c.kind)).count()));
        xml.writeAttribute("time", seconds(report));
        if (report.startedAt() != null)
        {
            xml.writeAttribute("timestamp", clean(report.startedAt()));
        }
        for (final Case testCase : cases)
        {
            xml.writeCharacters("\n    ");
            xml.writeStartElement("testcase");
            xml.writeAttribute("classname", testCase.className);
            xml.writeAttribute("name", testCase.name);
            xml.writeAttribute("time", "0");
            if (testCase.kind != null)
            {
                xml.writeCharacters("\n      ");
                xml.writeStartElement(testCase.kind);
                xml.writeAttribute("message", clean(testCase.message));
                if (!"skipped".equals(testCase.kind))
                {
                    xml.writeAttribute("type", testCase.kind.equals("failure") ? "BreakPointFailure"
                        : "NoValidResult");
                    xml.writeCharacters(clean(testCase.message));
                }
                xml.writeEndElement();
            }
            xml.writeCharacters("\n      ");
            xml.writeStartElement("system-out");
            xml.writeCharacters(clean(testCase.out));
            xml.writeEndElement();
            xml.writeCharacters("\n    ");
            xml.writeEndElement();
        }
        xml.writeCharacters("\n    ");
        xml.writeStartElement("system-out");
        xml.writeCharacters(clean(report.outcome().status() + ": " + report.outcome().reason() + "\n"
            + "command line: " + String.join(" ", report.commandLine()) + "\n" + ConsoleSummary.brokeFirst(report)));
        xml.writeEndElement();
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndDocument();
        xml.close();
        return text.toString();
    }

    private static String seconds(final RunReport report)
    {
        long ns = 0;
        for (final TrialRecord record : report.trials())
        {
            ns += record.request().warmUpNs() + record.request().durationNs();
        }
        return String.format(Locale.ROOT, "%.3f", ns / 1e9);
    }

    /**
     * @param text text from data.
     * @return the text without the characters XML 1.0 cannot hold.
     */
    static String clean(final String text)
    {
        if (text == null)
        {
            return "";
        }
        final StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(JUnitReport::allowed).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static boolean allowed(final int c)
    {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
            || (c >= 0x10000 && c <= 0x10FFFF);
    }

    /**
     * A caller's own verdict on the run, written as one more test case.
     *
     * @param className the test case's class name, like {@code rxbreak.scenario}.
     * @param name      its name.
     * @param failure   whether the verdict is a failure (the thing judged did not hold).
     * @param error     whether nothing valid could be said (an error case; wins over {@code failure}).
     * @param text      the verdict in words: the message, and the case's output.
     */
    public record ExtraCase(String className, String name, boolean failure, boolean error, String text)
    {
    }

    private static final class Case
    {
        private final String className;
        private final String name;
        private final String kind;
        private final String message;
        private final String out;

        private Case(final String className, final String name, final String kind, final String message,
            final String out)
        {
            this.className = className;
            this.name = name;
            this.kind = kind;
            this.message = message;
            this.out = out;
        }
    }
}
