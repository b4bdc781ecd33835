package io.rxbreak.core.net;

import org.junit.jupiter.api.Test;

import io.netty.channel.socket.SocketProtocolFamily;
import io.rxbreak.core.config.BadInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MulticastGroupTest
{
    @Test
    void parsesIpv4AndIpv6Groups()
    {
        final MulticastGroup v4 = MulticastGroup.parse("--group", "239.1.2.3:5000", false);
        assertThat(v4.address().getHostAddress()).isEqualTo("239.1.2.3");
        assertThat(v4.port()).isEqualTo(5000);
        assertThat(v4.family()).isEqualTo(SocketProtocolFamily.INET);
        assertThat(v4).hasToString("239.1.2.3:5000");

        final MulticastGroup v6 = MulticastGroup.parse("--group", "[ff15::1]:6000", false);
        assertThat(v6.isIpv6()).isTrue();
        assertThat(v6.family()).isEqualTo(SocketProtocolFamily.INET6);
        assertThat(v6).hasToString("[ff15:0:0:0:0:0:0:1]:6000");
    }

    @Test
    void refusesWhatIsNotAMulticastGroupUnlessAllowed()
    {
        assertThatThrownBy(() -> MulticastGroup.parse("--group", "127.0.0.1:5000", false))
            .isInstanceOf(BadInputException.class).hasMessageContaining("--group").hasMessageContaining("--allow-unicast");
        assertThat(MulticastGroup.parse("--group", "127.0.0.1:5000", true).port()).isEqualTo(5000);
    }

    @Test
    void namesTheProblem()
    {
        assertThatThrownBy(() -> MulticastGroup.parse("--group", "239.1.1.1:0", false)).hasMessageContaining("1-65535");
        assertThatThrownBy(() -> MulticastGroup.parse("--group", "239.1.1.1:70000", false)).hasMessageContaining("1-65535");
        assertThatThrownBy(() -> MulticastGroup.parse("--group", "239.1.1.1", false)).hasMessageContaining("ADDR:PORT");
        assertThatThrownBy(() -> MulticastGroup.parse("--group", "ff15::1:5000", false)).hasMessageContaining("brackets");
        assertThatThrownBy(() -> MulticastGroup.parse("--group", "example.com:5000", false)).hasMessageContaining("literal");
        assertThatThrownBy(() -> MulticastGroup.parse("--group", "239.1.1.1:x", false)).hasMessageContaining("port");
    }

    @Test
    void interfacesAreValidated()
    {
        final MulticastGroup group = MulticastGroup.parse("--group", "239.1.1.1:5000", false);
        assertThat(Interfaces.resolve("--interface", "lo", group).getName()).isEqualTo("lo");
        assertThatThrownBy(() -> Interfaces.resolve("--interface", "nosuch0", group))
            .isInstanceOf(BadInputException.class).hasMessageContaining("--interface").hasMessageContaining("nosuch0");
    }
}
