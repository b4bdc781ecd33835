package io.rxbreak.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lab's switch floods multicast: what one host sends to a group reaches the members on every other host, each
 * through its own veth and address; closing the lab removes its namespaces.
 */
class NamespaceLabTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String GROUP = "239.255.77.14:47014";
    private static final int COUNT = 200;

    @Test
    void multicastFromOneHostReachesTheMembersOnEveryOtherAndCloseRemovesTheLab()
    {
        Privileges.assumeRoot("the lab's hosts are network namespaces");
        final List<String> names = new ArrayList<>();
        try (NamespaceLab lab = NamespaceLab.create(3))
        {
            names.add(lab.switchNamespace().name());
            for (int i = 0; i < lab.hostCount(); i++)
            {
                names.add(lab.host(i).name());
                assertThat(lab.host(i).exec("ip", "-o", "-4", "addr", "show", "dev", lab.interfaceName(i)))
                    .contains(lab.address(i) + "/24");
            }
            assertThat(lab.address(2)).isEqualTo("198.18.5.3");
            final List<ChildProcess> receivers = new ArrayList<>();
            for (int i = 1; i < 3; i++)
            {
                final ChildProcess receiver = lab.host(i).startJava(PlainMulticastReceiver.class, GROUP, "--interface",
                    lab.interfaceName(i));
                receivers.add(receiver);
            }
            for (final ChildProcess receiver : receivers)
            {
                receiver.awaitLine(TIMEOUT, line -> line.startsWith("READY"));
            }
            final ChildProcess sender = lab.host(0).startJava(PlainMulticastSender.class, GROUP, "--count",
                Integer.toString(COUNT), "--interface", lab.interfaceName(0), "--ttl", "1");
            assertThat(sender.waitFor(TIMEOUT)).as(sender.stderr()).isZero();
            for (final ChildProcess receiver : receivers)
            {
                receiver.closeStdin();
                assertThat(receiver.awaitLine(TIMEOUT, line -> line.startsWith("RESULT")))
                    .startsWith("RESULT received=" + COUNT + " ");
            }
        }
        assertThat(NetworkNamespace.existing()).doesNotContainAnyElementsOf(names);
    }
}
