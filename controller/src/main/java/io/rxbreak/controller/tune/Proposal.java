package io.rxbreak.controller.tune;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The fix a ramp proposes for the layer that broke first ({@code report.json} {@code proposal}): its settings
 * computed from the run's figures, the sysctl.d fragment and TuneD section that hold them, and the
 * {@code rxbreak sweep} that would verify them.
 *
 * @param kind what kind of fix it is.
 * @param figures what it was computed from.
 * @param sysctls the sysctls to set, in order; empty when none helps.
 * @param rcvbufBytes the receiver's SO_RCVBUF request to go with them ({@code --rcvbuf}), or null.
 * @param sweep the {@code rxbreak} arguments of the sweep that verifies it (the run's own ramp options, the current
 *     value against the proposed one), or empty.
 */
public record Proposal(ProposalKind kind, BreakFigures figures, List<ProposedSetting> sysctls, Long rcvbufBytes,
    List<String> sweep)
{
    /** Where the fragment goes. */
    public static final String SYSCTL_D_FILE = "/etc/sysctl.d/90-rxbreak.conf";

    /**
     * Copies the lists.
     */
    public Proposal
    {
        sysctls = sysctls == null ? List.of() : List.copyOf(sysctls);
        sweep = sweep == null ? List.of() : List.copyOf(sweep);
    }

    /**
     * @return the content of {@value #SYSCTL_D_FILE}, lines ending in {@code \n}; null when no sysctl helps.
     */
    @JsonProperty(value = "sysctlD", access = JsonProperty.Access.READ_ONLY)
    public String sysctlD()
    {
        if (sysctls.isEmpty())
        {
            return null;
        }
        final StringBuilder text = new StringBuilder("# " + SYSCTL_D_FILE + ": proposed by rxbreak for the " +
            figures.layer() + " layer, which broke first at " + String.format(Locale.ROOT, "%,d", figures.rate()) +
            " msgs/s\n");
        sysctls.forEach(setting -> text.append(setting.name()).append(" = ").append(setting.proposed()).append('\n'));
        return text.toString();
    }

    /**
     * @return the TuneD profile's {@code [sysctl]} section holding the same, lines ending in {@code \n}; null when no
     *     sysctl helps.
     */
    @JsonProperty(value = "tuned", access = JsonProperty.Access.READ_ONLY)
    public String tuned()
    {
        if (sysctls.isEmpty())
        {
            return null;
        }
        final StringBuilder text = new StringBuilder("[sysctl]\n");
        sysctls.forEach(setting -> text.append(setting.name()).append('=').append(setting.proposed()).append('\n'));
        return text.toString();
    }
}
