package io.rxbreak.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.rxbreak.core.cli.ExitCodes;
import io.rxbreak.core.cli.Main;
import io.rxbreak.core.cli.Rxbreak;
import io.rxbreak.testsupport.ChildProcess;
import io.rxbreak.testsupport.NetworkNamespace;
import io.rxbreak.testsupport.Privileges;

class ReceiveCommandTest
{
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args)
    {
        return Rxbreak.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private void assertBadInput(final String option, final String... args)
    {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        final int exit = run(args);
        final String message = err.toString();
        assertThat(exit).as(message).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(message.lines().count()).as(message).isEqualTo(1);
        assertThat(message).contains(option);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void badInputIsOneLineNamingTheOptionWithExitCode2()
    {
        assertBadInput("--group", "receive", "--group", "10.1.1.1:5000");
        assertBadInput("--group", "receive", "--group", "239.1.1.1");
        assertBadInput("--group", "receive", "--group", "239.1.1.1:0");
        assertBadInput("--group", "receive", "--group", "239.1.1.1:70000");
        assertBadInput("--group", "receive", "--group", "example.com:5000");
        assertBadInput("--group", "receive", "--group", "239.1.1.1:5000", "--group", "239.1.1.1:5000");
        assertBadInput("--interface", "receive", "--group", "239.1.1.1:5000", "--interface", "nosuch0");
        assertBadInput("--rcvbuf", "receive", "--group", "239.1.1.1:5000", "--rcvbuf", "0");
        assertBadInput("--rcvbuf", "receive", "--group", "239.1.1.1:5000", "--rcvbuf", "-5");
        assertBadInput("--rcvbuf", "receive", "--group", "239.1.1.1:5000", "--rcvbuf", "lots");
        assertBadInput("--throttle", "receive", "--group", "239.1.1.1:5000", "--throttle", "rate:fast");
        assertBadInput("--throttle", "receive", "--group", "239.1.1.1:5000", "--throttle", "stall:2s/1s");
        assertBadInput("--sockets", "receive", "--group", "239.1.1.1:5000", "--sockets", "0");
        assertBadInput("--transport", "receive", "--group", "239.1.1.1:5000", "--transport", "dpdk");
        assertBadInput("--batch", "receive", "--group", "239.1.1.1:5000", "--batch", "1");
        assertBadInput("--duration", "receive", "--group", "239.1.1.1:5000", "--duration", "0s");
        assertBadInput("--group", "receive");
    }

    @Test
    void anInterfaceThatIsDownIsBadInput()
    {
        Privileges.assumeRoot("creates a network namespace with an interface that is down");
        try (NetworkNamespace ns = NetworkNamespace.create())
        {
            ns.exec("ip", "link", "add", "rxdown0", "type", "veth", "peer", "name", "rxdown1");
            ns.exec("ip", "addr", "add", "198.18.0.2/32", "dev", "rxdown0");
            try (ChildProcess receiver = ns.startJava(Main.class, "receive", "--group", "239.1.1.1:5000",
                "--interface", "rxdown0"))
            {
                assertThat(receiver.waitFor(Duration.ofSeconds(30))).isEqualTo(ExitCodes.BAD_INPUT);
                assertThat(receiver.stderr()).contains("--interface: interface 'rxdown0' is down");
                assertThat(receiver.stderrLines()).hasSize(1);
            }
        }
    }

    @Test
    void helpListsTheThrottles()
    {
        assertThat(run("receive", "--help")).isZero();
        assertThat(out.toString()).contains("--throttle", "stall:PAUSE/PERIOD", "--until-end", "--rcvbuf-force");
    }
}
