package io.rxbreak.core.control;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import io.rxbreak.core.config.BadInputException;
import io.rxbreak.testsupport.ChildProcess;
import io.rxbreak.testsupport.NetworkNamespace;
import io.rxbreak.testsupport.PemFiles;
import io.rxbreak.testsupport.Privileges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The agents' control channel over TLS: a generated or the user's certificate, pinned by its fingerprint; the token,
 * the body limit and bad JSON as over plain HTTP; a wrong pin, an untrusted certificate and a scheme that does not
 * match the agent refused with a message that says which; the agent options choosing TLS or plain HTTP by the
 * address, and refusing bad combinations in one line naming the option. On loopback, except one test in a network
 * namespace that binds beyond it.
 */
class AgentTlsTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String TOKEN = "s3cret";
    private static final String FINGERPRINT_FORM = "sha256:([0-9A-F]{2}:){31}[0-9A-F]{2}";

    /** One generated certificate for the tests that only need one (a key pair and a signature each). */
    private static final AgentCertificate GENERATED = AgentCertificate.generate();

    @TempDir
    Path files;

    private static Router router()
    {
        return new Router()
            .get("/status", request -> AgentResponse.json(Map.of("state", "idle")))
            .post("/trial/start", request -> AgentResponse.json(request.json()));
    }

    private static InetSocketAddress loopback()
    {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private static AgentServer tlsServer(final AgentCertificate certificate) throws InterruptedException
    {
        return AgentServer.start(loopback(), TOKEN, certificate, router());
    }

    private static AgentOptions options(final String... args)
    {
        final AgentInNamespace.AgentOptionsHolder holder = new AgentInNamespace.AgentOptionsHolder();
        new CommandLine(holder).parseArgs(args);
        return holder.options;
    }

    @Test
    void aGeneratedCertificateIsServedAndAPinnedClientGets200() throws Exception
    {
        try (AgentServer server = tlsServer(GENERATED))
        {
            assertThat(server.url()).startsWith("https://127.0.0.1:");
            final String fingerprint = server.tlsFingerprint();
            assertThat(fingerprint).matches(FINGERPRINT_FORM).isEqualTo(GENERATED.fingerprint());
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(GENERATED.certificate().getEncoded());
            assertThat(fingerprint).isEqualTo("sha256:" + HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest));
            assertThat(GENERATED.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=rxbreak agent");

            final AgentClient client = new AgentClient(server.url(), TOKEN, TIMEOUT, fingerprint);
            assertThat(client.get("/status").get("state").asText()).isEqualTo("idle");
            assertThat(new AgentClient(server.url(), TOKEN, TIMEOUT, fingerprint.toLowerCase(Locale.ROOT))
                .get("/status").get("state").asText()).as("hex of either case").isEqualTo("idle");
        }
    }

    @Test
    void aWrongPinIsRefusedSayingTheFingerprintSeenAndThePinnedOne() throws Exception
    {
        final String other = AgentCertificate.generate().fingerprint();
        try (AgentServer server = tlsServer(GENERATED))
        {
            assertThatThrownBy(() -> new AgentClient(server.url(), TOKEN, TIMEOUT, other).get("/status"))
                .isInstanceOf(AgentException.class)
                .hasMessageContaining("presented TLS certificate " + GENERATED.fingerprint())
                .hasMessageContaining("not the pinned " + other)
                .satisfies(ex -> assertThat(((AgentException)ex).status()).isZero());
            assertThatThrownBy(() -> new AgentClient(server.url(), TOKEN, TIMEOUT).get("/status"))
                .as("no pin: the default trust store does not know a self-signed certificate")
                .isInstanceOf(AgentException.class)
                .hasMessageContaining("trust store does not trust")
                .hasMessageContaining(AgentOptions.TLS_CERTIFICATE);
        }
        assertThatThrownBy(() -> new AgentClient("https://127.0.0.1:1", TOKEN, TIMEOUT, "sha256:AB:CD"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a TLS certificate fingerprint");
        assertThatThrownBy(() -> new AgentClient("http://127.0.0.1:1", TOKEN, TIMEOUT, GENERATED.fingerprint()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("use https://");
    }

    @Test
    void overTlsTheTokenTheBodyLimitAndBadJsonAreCheckedAsOverHttp() throws Exception
    {
        try (AgentServer server = tlsServer(GENERATED))
        {
            final String fingerprint = server.tlsFingerprint();
            assertThatThrownBy(() -> new AgentClient(server.url(), null, TIMEOUT, fingerprint).get("/status"))
                .isInstanceOf(AgentException.class).hasMessageContaining("401")
                .satisfies(ex -> assertThat(((AgentException)ex).status()).isEqualTo(401));
            assertThatThrownBy(() -> new AgentClient(server.url(), "wrong", TIMEOUT, fingerprint).get("/status"))
                .isInstanceOf(AgentException.class)
                .satisfies(ex -> assertThat(((AgentException)ex).status()).isEqualTo(401));

            final AgentClient client = new AgentClient(server.url(), TOKEN, TIMEOUT, fingerprint);
            assertThatThrownBy(() -> client.post("/trial/start", Map.of("pad", "x".repeat(200_000))))
                .isInstanceOf(AgentException.class)
                .satisfies(ex -> assertThat(((AgentException)ex).status()).isEqualTo(413));

            final HttpClient raw = HttpClient.newBuilder().sslContext(PinnedTrust.sslContext(fingerprint)).build();
            final HttpResponse<String> notJson = raw.send(
                HttpRequest.newBuilder(URI.create(server.url() + "/trial/start"))
                .header("Authorization", "Bearer " + TOKEN).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString("{trial")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(notJson.statusCode()).isEqualTo(400);
            assertThat(notJson.body()).contains("not valid JSON");

            assertThat(client.post("/trial/start", Map.of("rate", 5)).get("rate").asInt()).as("still serving")
                .isEqualTo(5);
        }
    }

    @Test
    void aSchemeThatDoesNotMatchTheAgentIsAClearError() throws Exception
    {
        try (AgentServer tls = tlsServer(GENERATED);
            AgentServer plain = AgentServer.start(loopback(), TOKEN, router()))
        {
            final String plainAsHttps = plain.url().replace("http://", "https://");
            assertThatThrownBy(() -> new AgentClient(plainAsHttps, TOKEN, TIMEOUT, GENERATED.fingerprint())
                .get("/status"))
                .isInstanceOf(AgentException.class)
                .hasMessageContaining("did not set up TLS (a plain-HTTP agent? then use http://)");
            final String tlsAsHttp = tls.url().replace("https://", "http://");
            assertThatThrownBy(() -> new AgentClient(tlsAsHttp, TOKEN, TIMEOUT).get("/status"))
                .isInstanceOf(AgentException.class)
                .hasMessageContaining("this agent serves TLS only: use " + tls.url())
                .satisfies(ex -> assertThat(((AgentException)ex).status()).isEqualTo(400));
            assertThat(new AgentClient(plain.url(), TOKEN, TIMEOUT).get("/status").get("state").asText())
                .isEqualTo("idle");
        }
    }

    @Test
    void theUsersCertificateAndKeyFilesAreServedAndPinned() throws Exception
    {
        final AgentCertificate users = AgentCertificate.generate();
        final Path cert = files.resolve("agent.crt");
        final Path pkcs8 = files.resolve("agent.key");
        final Path sec1 = files.resolve("agent-ec.key");
        PemFiles.write(cert, "CERTIFICATE", users.certificate().getEncoded());
        PemFiles.write(pkcs8, "PRIVATE KEY", users.privateKey().getEncoded());
        // what openssl ecparam -genkey writes: SEC1 with the curve named inside
        final PrivateKeyInfo info = PrivateKeyInfo.getInstance(users.privateKey().getEncoded());
        PemFiles.write(sec1, "EC PRIVATE KEY", new ECPrivateKey(256,
            ECPrivateKey.getInstance(info.parsePrivateKey()).getKey(), info.getPrivateKeyAlgorithm().getParameters())
            .getEncoded());

        // on loopback too: a certificate given is served
        final AgentOptions options = options("--agent", "127.0.0.1:0", "--agent-tls-cert", cert.toString(),
            "--agent-tls-key", pkcs8.toString());
        options.validate();
        final AgentCertificate read = options.tls();
        assertThat(read.generated()).isFalse();
        assertThat(read.fingerprint()).isEqualTo(users.fingerprint());
        assertThat(options("--agent", "127.0.0.1:0", "--agent-tls-cert", cert.toString(), "--agent-tls-key",
            sec1.toString()).tls().fingerprint()).as("a SEC1 'EC PRIVATE KEY' as well").isEqualTo(users.fingerprint());
        try (AgentServer server = AgentServer.start(options.address(), null, read, router()))
        {
            assertThat(server.url()).startsWith("https://127.0.0.1:");
            assertThat(new AgentClient(server.url(), null, TIMEOUT, users.fingerprint()).get("/status")
                .get("state").asText()).isEqualTo("idle");
        }
    }

    @Test
    void theAddressAndTheOptionsChooseTlsOrPlainHttp()
    {
        assertThat(options("--agent", "127.0.0.1:0").tls()).as("loopback: plain HTTP").isNull();
        assertThat(options("--agent", "127.0.0.1:0", "--agent-plain-http").tls()).isNull();
        final AgentCertificate beyond = options("--agent", NetworkNamespace.TEST_ADDRESS + ":0", "--agent-token", TOKEN)
            .tls();
        assertThat(beyond).as("beyond loopback: a generated certificate").isNotNull();
        assertThat(beyond.generated()).isTrue();
        assertThat(options("--agent", NetworkNamespace.TEST_ADDRESS + ":0", "--agent-token", TOKEN,
            "--agent-plain-http").tls()).isNull();
        assertThatThrownBy(() -> options("--agent", "0.0.0.0:7070").validate())
            .isInstanceOf(BadInputException.class).hasMessageStartingWith("--agent-token: ");
    }

    @Test
    void badCombinationsAndFilesAreOneLineNamingTheOption() throws Exception
    {
        final Path cert = files.resolve("agent.crt");
        final Path key = files.resolve("agent.key");
        final Path otherKey = files.resolve("other.key");
        PemFiles.write(cert, "CERTIFICATE", GENERATED.certificate().getEncoded());
        PemFiles.write(key, "PRIVATE KEY", GENERATED.privateKey().getEncoded());
        PemFiles.write(otherKey, "PRIVATE KEY", AgentCertificate.generate().privateKey().getEncoded());
        final String missing = files.resolve("missing.crt").toString();
        final Map<String[], String> cases = Map.of(
            new String[] {"--agent-tls-cert", cert.toString()}, "--agent-tls-key: missing",
            new String[] {"--agent-tls-key", key.toString()}, "--agent-tls-cert: missing",
            new String[] {"--agent-tls-cert", cert.toString(), "--agent-tls-key", key.toString(), "--agent-plain-http"},
            "--agent-plain-http: contradicts --agent-tls-cert",
            new String[] {"--agent-tls-cert", missing, "--agent-tls-key", key.toString()},
            "--agent-tls-cert: cannot read " + missing,
            new String[] {"--agent-tls-cert", key.toString(), "--agent-tls-key", key.toString()},
            "--agent-tls-cert: " + key + " holds no PEM certificate",
            new String[] {"--agent-tls-cert", cert.toString(), "--agent-tls-key", cert.toString()},
            "--agent-tls-key: " + cert + " holds no PEM private key",
            new String[] {"--agent-tls-cert", cert.toString(), "--agent-tls-key", otherKey.toString()},
            "--agent-tls-key: " + otherKey + " is not the private key of the certificate");
        for (final Map.Entry<String[], String> entry : cases.entrySet())
        {
            final String[] args = new String[entry.getKey().length + 2];
            args[0] = "--agent";
            args[1] = "127.0.0.1:0";
            System.arraycopy(entry.getKey(), 0, args, 2, entry.getKey().length);
            assertThatThrownBy(() -> options(args).validate()).as(String.join(" ", args))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(entry.getValue())
                .satisfies(ex -> assertThat(ex.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void beyondLoopbackAnAgentServesTlsUnlessPlainHttpIsAskedFor()
    {
        Privileges.assumeRoot("binding " + NetworkNamespace.TEST_ADDRESS + ", which exists only in a namespace");
        final String agent = NetworkNamespace.TEST_ADDRESS + ":0";
        try (NetworkNamespace ns = NetworkNamespace.create())
        {
            final ChildProcess agents = ns.startJava(AgentInNamespace.class, TOKEN, "--agent", agent, "--agent-token",
                TOKEN, AgentInNamespace.NEXT, "--agent", agent, "--agent-token", TOKEN, "--agent-plain-http");
            assertThat(agents.waitFor(Duration.ofSeconds(60))).as(agents.stdout() + agents.stderr()).isZero();
            final List<String> lines = agents.stdoutLines();
            assertThat(lines).as(agents.stderr()).hasSize(5);

            assertThat(lines.get(0)).matches(AgentOptions.TLS_CERTIFICATE + FINGERPRINT_FORM);
            assertThat(lines.get(1))
                .startsWith(AgentOptions.LISTENING + "https://" + NetworkNamespace.TEST_ADDRESS + ":");
            assertThat(lines.get(2)).isEqualTo("STATUS 200");

            assertThat(lines.get(3))
                .startsWith(AgentOptions.LISTENING + "http://" + NetworkNamespace.TEST_ADDRESS + ":");
            assertThat(lines.get(4)).isEqualTo("STATUS 200");
            assertThat(agents.stderrLines()).as("only the plain-HTTP agent warns")
                .filteredOn(line -> line.contains(AgentOptions.PLAIN_HTTP))
                .containsExactly(AgentOptions.PLAIN_HTTP_WARNING);
        }
    }

    @Test
    void aFingerprintIsWrittenAndReadInOneForm() throws Exception
    {
        final String text = GENERATED.fingerprint();
        assertThat(TlsFingerprint.parse(text)).hasSize(32);
        assertThat(TlsFingerprint.matches(GENERATED.certificate().getEncoded(), TlsFingerprint.parse(text))).isTrue();
        assertThat(TlsFingerprint.matches(AgentCertificate.generate().certificate().getEncoded(),
            TlsFingerprint.parse(text))).isFalse();
        for (final String wrong : new String[] {"", "sha1:AB", "sha256:" + "AB:".repeat(31) + "A",
            "sha256:" + "AB:".repeat(32), "sha256:" + "ZZ:".repeat(31) + "ZZ"})
        {
            assertThatThrownBy(() -> TlsFingerprint.parse(wrong)).as(wrong)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("as the agent prints it");
        }
    }
}
