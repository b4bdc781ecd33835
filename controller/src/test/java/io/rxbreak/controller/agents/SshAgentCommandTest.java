package io.rxbreak.controller.agents;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.rxbreak.core.control.AgentOptions;
import io.rxbreak.testsupport.ChildProcess;
import io.rxbreak.testsupport.PacketCapture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@link SshAgent} hands to ssh and makes of the agent's URL, without a host to reach: the remote command run
 * by a local POSIX shell as sshd's would run it, the wildcard address replaced, ssh's own resolution of a target.
 */
class SshAgentCommandTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void theRemoteCommandReadsTheTokenIntoTheEnvironmentAndPassesEveryWordLiterally()
    {
        final List<String> argv = List.of("sh", "-c", "printf '<%s>\\n' \"$" + AgentOptions.TOKEN_ENVIRONMENT +
            "\" \"$@\"", "name", "it's", "$HOME", "a  b", "`id`", "*", "");
        final String remote = SshAgent.remoteCommand(argv);
        assertThat(remote).startsWith("IFS= read -r " + AgentOptions.TOKEN_ENVIRONMENT + " && export " +
            AgentOptions.TOKEN_ENVIRONMENT + " && exec 'sh' '-c' ").endsWith(" '' --exit-with-parent");
        try (ChildProcess shell = ChildProcess.start(List.of("sh", "-c", remote)))
        {
            // one write: the shell may exit as soon as it has read the first line
            shell.writeLine(" tok en\\x \nthe rest of the input");
            shell.closeStdin();
            assertThat(shell.waitFor(TIMEOUT)).as(shell.stderr()).isZero();
            assertThat(shell.stdoutLines()).containsExactly("< tok en\\x >", "<it's>", "<$HOME>", "<a  b>", "<`id`>",
                "<*>", "<>", "<--exit-with-parent>");
        }
    }

    @Test
    void theExitWithParentOptionIsAddedOnceAndTheTokenNeverOnTheCommandLine()
    {
        assertThat(SshAgent.remoteCommand(List.of("rxbreak", "--exit-with-parent")))
            .endsWith("exec 'rxbreak' '--exit-with-parent'");
        assertThatThrownBy(() -> SshAgent.launch("root@198.18.5.2", List.of(),
            List.of("rxbreak", "receive", "--agent-token", "x"), null))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("through the environment");
        assertThatThrownBy(() -> SshAgent.launch("-oProxyCommand=x", List.of(), List.of("rxbreak"), null))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an ssh target");
    }

    @Test
    void aWildcardAddressIsReplacedWithTheHostSshReached()
    {
        assertThat(SshAgent.reachableUrl("http://0.0.0.0:7070", () -> "198.18.5.2"))
            .isEqualTo("http://198.18.5.2:7070");
        assertThat(SshAgent.reachableUrl("https://[0:0:0:0:0:0:0:0]:7070", () -> "fd00::2"))
            .isEqualTo("https://[fd00::2]:7070");
        assertThat(SshAgent.reachableUrl("http://198.18.5.3:7070", () ->
        {
            throw new AssertionError("not asked for an address the agent named");
        })).isEqualTo("http://198.18.5.3:7070");
    }

    @Test
    void sshResolvesTheTargetsHostWithoutConnecting()
    {
        PacketCapture.assumeInstalled("ssh", "openssh-client");
        assertThat(SshAgent.sshHostName(List.of("-F", "none"), "root@198.18.5.2")).isEqualTo("198.18.5.2");
        final List<String> options = new ArrayList<>(List.of("-F", "none", "-o", "HostName=198.18.5.9"));
        assertThat(SshAgent.sshHostName(options, "lab-rx")).isEqualTo("198.18.5.9");
    }
}
