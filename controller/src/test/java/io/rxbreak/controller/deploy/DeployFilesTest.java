package io.rxbreak.controller.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rxbreak.controller.topology.TopologyReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code deploy/} folder (docs/deploy.md), checked as far as one machine allows: the Ansible playbook with
 * {@code ansible-playbook --syntax-check} and by writing the example inventory's topology for real (its certificates
 * made by openssl, their fingerprints recomputed here); the Kubernetes manifests parsed and checked for what makes
 * the agents work (host network on labelled nodes, the token from a Secret, the certificate mounted where the
 * arguments say) and the controller Job a gate (one attempt); the systemd units with {@code systemd-analyze verify}
 * and {@code security}, their hardening lines, and the variables they share with their environment files.
 * A program that is missing skips its test with the reason (a failure under CI=true).
 */
class DeployFilesTest
{
    private static final Path ROOT = repositoryRoot();
    private static final Path DEPLOY = ROOT.resolve("deploy");
    private static final Path ANSIBLE = DEPLOY.resolve("ansible");
    private static final Path PLAYBOOK = ANSIBLE.resolve("site.yml");
    private static final Path INVENTORY = ANSIBLE.resolve("inventory.example.yml");
    private static final Path KUBERNETES = DEPLOY.resolve("kubernetes");
    private static final Path SYSTEMD = DEPLOY.resolve("systemd");
    private static final List<String> ROLES = List.of("sender", "receiver");
    private static final Map<String, String> VERBS = Map.of("sender", "send", "receiver", "receive");
    private static final Pattern UNIT_VARIABLE = Pattern.compile("\\$\\{?(RXBREAK_[A-Z_]+)}?");
    private static final Pattern FINGERPRINT = Pattern.compile("sha256:([0-9A-F]{2}:){31}[0-9A-F]{2}");
    private static final String TOKEN = "RXBREAK_AGENT_TOKEN";
    /** systemd-analyze security's scale is 0 (safe) to 10 (exposed), --threshold its tenths; below 2.0 is "OK". */
    private static final int MAX_EXPOSURE_TENTHS = 20;
    private static final YAMLFactory YAML_FACTORY = new YAMLFactory();
    private static final ObjectMapper YAML = new ObjectMapper(YAML_FACTORY);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /**
     * @return the folder that holds {@code deploy/}, walking up from where the tests run (the module's folder).
     */
    private static Path repositoryRoot()
    {
        for (Path candidate = Path.of("").toAbsolutePath(); candidate != null; candidate = candidate.getParent())
        {
            if (Files.isDirectory(candidate.resolve("deploy")) && Files.isRegularFile(candidate.resolve("pom.xml")))
            {
                return candidate;
            }
        }
        throw new IllegalStateException("no deploy/ folder above " + Path.of("").toAbsolutePath());
    }

    // ---------------------------------------------------------------------------------------------------- Ansible

    @Test
    void thePlaybookPassesAnsibleSyntaxCheck() throws IOException
    {
        final Path playbook = Programs.require("ansible-playbook", "ansible-core", "the playbook's syntax");
        final Programs.Result run = Programs.run(List.of(playbook.toString(), "--syntax-check", "-i",
            INVENTORY.toString(), PLAYBOOK.toString()), dir, ansibleEnvironment());
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stderr()).as(run.describe()).doesNotContain("WARNING").doesNotContain("DEPRECATION");
    }

    /**
     * The topology plays for real (--tags topology: the control node only; the agents' play matches the inventory's
     * hosts but runs nothing on them): the example inventory's agents, each at https://ADDRESS:PORT with the
     * fingerprint of the certificate openssl made for it.
     */
    @Test
    void thePlaybookWritesTheInventorysTopologyWithEachAgentsUrlAndCertificate() throws Exception
    {
        final Path playbook = Programs.require("ansible-playbook", "ansible-core", "the topology the playbook writes");
        Programs.require("openssl", "openssl", "the certificates the playbook makes");
        final Path pki = dir.resolve("pki");
        final Path topologyFile = dir.resolve("topology.yaml");
        final Programs.Result run = Programs.run(List.of(playbook.toString(), "-i", INVENTORY.toString(),
            PLAYBOOK.toString(), "--tags", "topology", "-e", "rxbreak_pki_dir=" + pki, "-e",
            "rxbreak_topology_file=" + topologyFile), dir, ansibleEnvironment());
        assertThat(run.exitCode()).as(run.describe()).isZero();
        final List<String> recap = run.stdout().lines().filter(line -> line.matches("^\\S+ +: ok=.*")).toList();
        assertThat(recap).as("only the control node took part: " + run.describe()).hasSize(1);
        assertThat(recap.get(0)).startsWith("localhost ").contains("failed=0");

        final JsonNode inventory = YAML.readTree(INVENTORY.toFile()).get("all");
        final JsonNode defaults = YAML.readTree(ANSIBLE.resolve("vars/defaults.yml").toFile()).get("rxbreak_defaults");
        final JsonNode topology = YAML.readTree(topologyFile.toFile());
        assertThat(topology.get("tokenEnv").asText()).isEqualTo(defaults.get("token_env").asText()).isEqualTo(TOKEN);
        // and the ramp reads it as written: every key known, every value as the agents take it
        assertThat(TopologyReader.read(topologyFile).agents()).hasSize(topology.get("agents").size());

        final List<String> expectedNames = new ArrayList<>();
        for (final String role : ROLES)
        {
            inventory.get("children").get("rxbreak_" + role + "s").get("hosts").fieldNames()
                .forEachRemaining(expectedNames::add);
        }
        final List<String> names = new ArrayList<>();
        topology.get("agents").forEach(agent -> names.add(agent.get("name").asText()));
        assertThat(names).as("agents, senders first, in the inventory's order").isEqualTo(expectedNames);

        final CertificateFactory certificates = CertificateFactory.getInstance("X.509");
        for (final JsonNode agent : topology.get("agents"))
        {
            final String name = agent.get("name").asText();
            final String role = agent.get("role").asText();
            final JsonNode group = inventory.get("children").get("rxbreak_" + role + "s");
            final Map<String, JsonNode> settings = settings(defaults, inventory.get("vars"), group.get("vars"),
                group.get("hosts").get(name));
            final String address = settings.get("address").asText();
            assertThat(agent.get("url").asText()).as(name)
                .isEqualTo("https://" + address + ":" + defaults.get(role + "_port").asInt());
            assertThat(agent.get("interface")).as(name).isEqualTo(settings.get("interface"));
            assertThat(agent.get("groups")).as(name).isEqualTo(settings.get("groups"));
            if ("receiver".equals(role))
            {
                assertThat(agent.get("throttle")).as(name).isEqualTo(settings.get("throttle"));
            }
            else
            {
                assertThat(agent.has("throttle")).as(name + " is a sender: no throttle").isFalse();
            }

            final X509Certificate certificate;
            try (InputStream in = Files.newInputStream(pki.resolve(name + "-" + role + ".crt")))
            {
                certificate = (X509Certificate) certificates.generateCertificate(in);
            }
            assertThat(agent.get("tlsFingerprint").asText()).as(name).matches(FINGERPRINT)
                .isEqualTo(fingerprint(certificate));
            assertThat(certificate.getSubjectAlternativeNames()).as(name + "'s certificate names its address")
                .contains(List.of(7, address));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                pki.resolve(name + "-" + role + ".key")))).as(name + "'s key").isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pki))).isEqualTo("rwx------");
    }

    /**
     * The environment file template, rendered by the Jinja2 that Ansible runs (the interpreter of ansible-playbook)
     * with Ansible's template defaults, for each role: it assigns exactly the variables the role's unit uses.
     */
    @Test
    void thePlaybooksEnvironmentFileAssignsWhatTheUnitUses() throws IOException
    {
        final Path playbook = Programs.require("ansible-playbook", "ansible-core", "the environment file template");
        final String shebang = Files.readAllLines(playbook).get(0);
        assertThat(shebang).startsWith("#!");
        final List<String> python = new ArrayList<>(List.of(shebang.substring(2).trim().split("\\s+")));
        python.addAll(List.of("-c", String.join("\n",
            "import json, sys, jinja2",
            "env = jinja2.Environment(loader=jinja2.FileSystemLoader(sys.argv[1]), trim_blocks=True,",
            "    keep_trailing_newline=True, undefined=jinja2.StrictUndefined)",
            "sys.stdout.write(env.get_template('agent.env.j2').render(json.loads(sys.argv[2])))")));
        python.add(ANSIBLE.resolve("templates").toString());
        for (final String role : ROLES)
        {
            final Map<String, Object> agent = new LinkedHashMap<>();
            agent.put("role", role);
            agent.put("listen", "198.18.5.2:7070");
            agent.put("interface", "eth1");
            agent.put("groups", List.of("239.1.1.1:5001", "239.1.1.2:5002"));
            agent.put("throttle", "rate:50000");
            agent.put("sockets", 2);
            agent.put("rcvbuf", "8MiB");
            agent.put("extra_args", "--reader-cpus 1");
            agent.put("java_opts", "-Xmx1g -XX:+UseParallelGC");
            final Map<String, Object> variables = Map.of("agent", agent, "rxbreak_token", "s3cret-s3cret-s3cret",
                "ansible_managed", "Ansible managed");
            final List<String> command = new ArrayList<>(python);
            command.add(JSON.writeValueAsString(variables));
            final Programs.Result run = Programs.run(command, dir, Map.of());
            assertThat(run.exitCode()).as(run.describe()).isZero();

            final Map<String, String> env = environmentFile(run.stdout());
            assertThat(env.keySet()).as(role + ": " + run.stdout()).isEqualTo(unitVariables(role));
            assertThat(env).as(role).containsEntry("RXBREAK_LISTEN", "198.18.5.2:7070")
                .containsEntry("RXBREAK_GROUP_ARGS", "--group 239.1.1.1:5001 --group 239.1.1.2:5002")
                .containsEntry("RXBREAK_EXTRA_ARGS", "--reader-cpus 1")
                .containsEntry("RXBREAK_JAVA_OPTS", "-Xmx1g -XX:+UseParallelGC")
                .containsEntry(TOKEN, "s3cret-s3cret-s3cret");
            if ("receiver".equals(role))
            {
                assertThat(env).containsEntry("RXBREAK_THROTTLE", "rate:50000").containsEntry("RXBREAK_SOCKETS", "2")
                    .containsEntry("RXBREAK_RCVBUF", "8MiB");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------- Kubernetes

    @Test
    void theManifestsRunTheAgentsInTheHostNetworkOfLabelledNodesAndTheControllerOnce() throws IOException
    {
        final Map<String, JsonNode> manifests = readManifests();
        assertThat(manifests.keySet().stream().map(key -> key.substring(0, key.indexOf('/'))))
            .contains("Namespace", "Secret", "ConfigMap", "DaemonSet", "Deployment", "Job");
        final String namespace = only(manifests, "Namespace").at("/metadata/name").asText();
        manifests.forEach((key, manifest) ->
        {
            if (!key.startsWith("Namespace/"))
            {
                assertThat(manifest.at("/metadata/namespace").asText()).as(key).isEqualTo(namespace);
            }
        });
        final List<JsonNode> secrets = all(manifests, "Secret");
        final JsonNode tls = secrets.stream().filter(secret -> "kubernetes.io/tls".equals(secret.at("/type").asText()))
            .findFirst().orElseThrow(() -> new AssertionError("no kubernetes.io/tls Secret"));
        assertThat(secretKeys(tls)).contains("tls.crt", "tls.key");

        final JsonNode receivers = only(manifests, "DaemonSet");
        final JsonNode senders = only(manifests, "Deployment");
        checkAgent(receivers, "receiver", List.of("NET_ADMIN"), secrets, tls);
        checkAgent(senders, "sender", List.of(), secrets, tls);

        final JsonNode job = only(manifests, "Job");
        assertThat(job.at("/spec/backoffLimit").isInt()).as("backoffLimit set").isTrue();
        assertThat(job.at("/spec/backoffLimit").asInt()).as("one attempt: its exit code is the gate").isZero();
        final JsonNode pod = job.at("/spec/template/spec");
        assertThat(pod.at("/restartPolicy").asText()).isEqualTo("Never");
        final JsonNode container = onlyContainer(pod);
        final List<String> args = texts(container.get("args"));
        assertThat(args.get(0)).isEqualTo("ramp");
        final Path topologyPath = Path.of(argument(args, "--topology"));
        final JsonNode topologyVolume = mountedVolume(pod, container, topologyPath.getParent().toString());
        final JsonNode configMap = manifests.get("ConfigMap/" + topologyVolume.at("/configMap/name").asText());
        assertThat(configMap).as("the ConfigMap the Job mounts at " + topologyPath.getParent()).isNotNull();
        final String topologyText = configMap.at("/data").get(topologyPath.getFileName().toString()).asText();
        final JsonNode topology = YAML.readTree(topologyText);
        assertThat(topology.get("tokenEnv").asText()).isEqualTo(TOKEN);
        final Path written = Files.writeString(Files.createTempFile("rxbreak-topology", ".yaml"), topologyText);
        try
        {
            assertThat(TopologyReader.read(written).agents()).hasSize(topology.get("agents").size());
        }
        finally
        {
            Files.delete(written);
        }
        assertThat(topology.get("agents")).isNotEmpty().allSatisfy(agent ->
        {
            assertThat(agent.get("name").asText()).matches("[A-Za-z0-9_.-]+");
            assertThat(agent.get("role").asText()).isIn(ROLES);
            assertThat(agent.get("url").asText()).startsWith("https://");
            assertThat(agent.get("tlsFingerprint").asText()).matches(FINGERPRINT);
        });
        assertTokenFromSecret(container, secrets);
        assertThat(pod.at("/hostNetwork").asBoolean()).as("the controller needs no host network").isFalse();
        assertThat(texts(container.at("/securityContext/capabilities/drop"))).containsExactly("ALL");
        assertThat(container.at("/securityContext/capabilities/add").isMissingNode()).isTrue();

        assertThat(Stream.of(receivers, senders, job).map(workload -> onlyContainer(workload.at("/spec/template/spec"))
            .get("image").asText()).distinct()).as("one image").hasSize(1);

        final Programs.Result bash = Programs.run(List.of("bash", "-n", KUBERNETES.resolve("make-topology.sh")
            .toString()), dir, Map.of());
        assertThat(bash.exitCode()).as(bash.describe()).isZero();
    }

    private static void checkAgent(final JsonNode workload, final String role, final List<String> capabilities,
        final List<JsonNode> secrets, final JsonNode tls)
    {
        final String what = workload.at("/kind").asText() + " " + workload.at("/metadata/name").asText();
        final JsonNode pod = workload.at("/spec/template/spec");
        final JsonNode labels = workload.at("/spec/template/metadata/labels");
        workload.at("/spec/selector/matchLabels").properties().forEach(label ->
            assertThat(labels.get(label.getKey())).as(what + ": the selector's label " + label.getKey())
                .isEqualTo(label.getValue()));
        assertThat(pod.at("/hostNetwork").asBoolean()).as(what + ": multicast needs the node's network").isTrue();
        assertThat(pod.at("/dnsPolicy").asText()).as(what).isEqualTo("ClusterFirstWithHostNet");
        assertThat(pod.at("/nodeSelector").get("rxbreak.io/role")).as(what + ": on labelled nodes").isNotNull();
        assertThat(pod.at("/nodeSelector").get("rxbreak.io/role").asText()).as(what).isEqualTo(role);

        final JsonNode container = onlyContainer(pod);
        final List<String> args = texts(container.get("args"));
        assertThat(args.get(0)).as(what).isEqualTo(VERBS.get(role));
        final String listen = argument(args, "--agent");
        assertThat(listen).as(what + ": listens on the node's address").matches("\\$\\(NODE_IP\\):[0-9]+");
        assertThat(env(container, "NODE_IP").at("/valueFrom/fieldRef/fieldPath").asText()).isEqualTo("status.hostIP");
        assertThat(container.at("/ports/0/containerPort").asInt()).as(what + ": the port it declares")
            .isEqualTo(Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1)));
        assertTokenFromSecret(container, secrets);

        final Path cert = Path.of(argument(args, "--agent-tls-cert"));
        final Path key = Path.of(argument(args, "--agent-tls-key"));
        assertThat(key.getParent()).isEqualTo(cert.getParent());
        final JsonNode tlsVolume = mountedVolume(pod, container, cert.getParent().toString());
        assertThat(tlsVolume.at("/secret/secretName").asText()).as(what).isEqualTo(tls.at("/metadata/name").asText());
        assertThat(secretKeys(tls)).contains(cert.getFileName().toString(), key.getFileName().toString());

        final JsonNode security = container.get("securityContext");
        assertThat(security.at("/allowPrivilegeEscalation").isBoolean()).as(what).isTrue();
        assertThat(security.at("/allowPrivilegeEscalation").asBoolean()).as(what).isFalse();
        assertThat(security.at("/privileged").asBoolean()).as(what).isFalse();
        assertThat(texts(security.at("/capabilities/drop"))).as(what).containsExactly("ALL");
        assertThat(texts(security.at("/capabilities/add"))).as(what).isEqualTo(capabilities);
        assertThat(security.at("/readOnlyRootFilesystem").asBoolean()).as(what).isTrue();
        assertThat(mountedVolume(pod, container, "/tmp").has("emptyDir")).as(what + ": a writable /tmp").isTrue();
    }

    private static void assertTokenFromSecret(final JsonNode container, final List<JsonNode> secrets)
    {
        final JsonNode reference = env(container, TOKEN).at("/valueFrom/secretKeyRef");
        assertThat(reference.isMissingNode()).as(container.get("name") + ": " + TOKEN + " from a Secret").isFalse();
        final JsonNode secret = secrets.stream()
            .filter(candidate -> candidate.at("/metadata/name").asText().equals(reference.get("name").asText()))
            .findFirst().orElseThrow(() -> new AssertionError("no Secret " + reference.get("name")));
        assertThat(secretKeys(secret)).contains(reference.get("key").asText());
    }

    /**
     * @return every manifest under deploy/kubernetes, by KIND/NAME (multi-document files read document by document).
     */
    private static Map<String, JsonNode> readManifests() throws IOException
    {
        final Map<String, JsonNode> manifests = new LinkedHashMap<>();
        final List<Path> files;
        try (Stream<Path> listing = Files.list(KUBERNETES))
        {
            files = listing.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (final Path file : files)
        {
            try (JsonParser parser = YAML_FACTORY.createParser(file.toFile()))
            {
                for (final JsonNode manifest : YAML.readValues(parser, JsonNode.class).readAll())
                {
                    if (manifest == null || manifest.isMissingNode() || manifest.isNull())
                    {
                        continue;
                    }
                    assertThat(manifest.at("/apiVersion").asText()).as(file.toString()).isNotEmpty();
                    final String key = manifest.at("/kind").asText() + "/" + manifest.at("/metadata/name").asText();
                    assertThat(manifests.put(key, manifest)).as("two manifests " + key).isNull();
                }
            }
        }
        return manifests;
    }

    private static List<JsonNode> all(final Map<String, JsonNode> manifests, final String kind)
    {
        return manifests.entrySet().stream().filter(entry -> entry.getKey().startsWith(kind + "/"))
            .map(Map.Entry::getValue).toList();
    }

    private static JsonNode only(final Map<String, JsonNode> manifests, final String kind)
    {
        final List<JsonNode> found = all(manifests, kind);
        assertThat(found).as("one " + kind).hasSize(1);
        return found.get(0);
    }

    private static JsonNode onlyContainer(final JsonNode pod)
    {
        assertThat(pod.get("containers")).hasSize(1);
        return pod.get("containers").get(0);
    }

    private static JsonNode env(final JsonNode container, final String name)
    {
        for (final JsonNode variable : container.path("env"))
        {
            if (name.equals(variable.get("name").asText()))
            {
                return variable;
            }
        }
        throw new AssertionError(container.get("name") + " has no environment variable " + name);
    }

    private static JsonNode mountedVolume(final JsonNode pod, final JsonNode container, final String mountPath)
    {
        for (final JsonNode mount : container.path("volumeMounts"))
        {
            if (mountPath.equals(mount.get("mountPath").asText()))
            {
                for (final JsonNode volume : pod.path("volumes"))
                {
                    if (volume.get("name").equals(mount.get("name")))
                    {
                        return volume;
                    }
                }
                throw new AssertionError("no volume " + mount.get("name"));
            }
        }
        throw new AssertionError(container.get("name") + " mounts nothing at " + mountPath);
    }

    private static Set<String> secretKeys(final JsonNode secret)
    {
        final Set<String> keys = new LinkedHashSet<>();
        secret.path("data").fieldNames().forEachRemaining(keys::add);
        secret.path("stringData").fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static String argument(final List<String> args, final String option)
    {
        final int at = args.indexOf(option);
        assertThat(at).as(option + " in " + args).isNotNegative().isLessThan(args.size() - 1);
        return args.get(at + 1);
    }

    private static List<String> texts(final JsonNode array)
    {
        final List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }

    // ---------------------------------------------------------------------------------------------------- systemd

    /**
     * {@code systemd-analyze verify} loads each unit as systemd would and complains on standard error about any line
     * it does not take (an unknown key or section, a bad value, a specifier like %d it cannot expand), a missing
     * ExecStart program, or a unit it depends on that does not exist; it exits 0 even after such warnings, so none
     * may be printed. It does not read the EnvironmentFile or the credential, nor start anything. The receiver is
     * verified with its drop-in too. {@code systemd-analyze security --offline} then scores each unit's exposure.
     */
    @Test
    void theUnitsPassSystemdAnalyzeVerifyAndSecurity() throws IOException
    {
        final Path analyze = Programs.require("systemd-analyze", "systemd", "the units' syntax and exposure");
        final Path units = Files.createDirectories(dir.resolve("units"));
        final List<String> unitFiles = new ArrayList<>();
        for (final String role : ROLES)
        {
            unitFiles.add(copyUnit(role, units).toString());
        }
        final List<String> verify = new ArrayList<>(List.of(analyze.toString(), "verify"));
        verify.addAll(unitFiles);
        assertQuietSuccess(Programs.run(verify, dir, Map.of()));

        final Path withDropIn = Files.createDirectories(dir.resolve("with-drop-in"));
        final Path receiver = copyUnit("receiver", withDropIn);
        Files.copy(SYSTEMD.resolve("rxbreak-receiver.service.d/drop-reasons.conf.example"),
            Files.createDirectories(withDropIn.resolve("rxbreak-receiver.service.d")).resolve("drop-reasons.conf"));
        assertQuietSuccess(Programs.run(List.of(analyze.toString(), "verify", receiver.toString()), dir, Map.of()));

        // --offline (a unit file, no running systemd) came with systemd 250
        final Programs.Result version = Programs.run(List.of(analyze.toString(), "--version"), dir, Map.of());
        final Matcher number = Pattern.compile("^systemd (\\d+)").matcher(version.stdout());
        assertThat(number.find()).as(version.describe()).isTrue();
        if (Integer.parseInt(number.group(1)) >= 250)
        {
            final List<String> security = new ArrayList<>(List.of(analyze.toString(), "security", "--offline=true",
                "--threshold=" + MAX_EXPOSURE_TENTHS));
            security.addAll(unitFiles);
            final Programs.Result scored = Programs.run(security, dir, Map.of());
            assertThat(scored.exitCode()).as("exposure at most " + MAX_EXPOSURE_TENTHS / 10.0 + ": " +
                scored.describe()).isZero();
        }
    }

    /**
     * A copy of a role's unit to verify: systemd-analyze requires the ExecStart program to exist, so on a machine
     * without /usr/bin/java the copy runs the JVM that runs this test instead (nothing else changes).
     */
    private static Path copyUnit(final String role, final Path folder) throws IOException
    {
        String text = Files.readString(SYSTEMD.resolve("rxbreak-" + role + ".service"));
        assertThat(text).contains("ExecStart=/usr/bin/java ");
        if (!Files.isExecutable(Path.of("/usr/bin/java")))
        {
            text = text.replace("ExecStart=/usr/bin/java ", "ExecStart=" +
                ProcessHandle.current().info().command().orElseThrow() + " ");
        }
        return Files.writeString(folder.resolve("rxbreak-" + role + ".service"), text);
    }

    private static void assertQuietSuccess(final Programs.Result run)
    {
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stderr().lines().filter(line -> line.contains("rxbreak-"))).as(run.describe()).isEmpty();
    }

    @Test
    void theUnitsCarryTheHardeningOfANetworkDaemon() throws IOException
    {
        for (final String role : ROLES)
        {
            final UnitFile unit = UnitFile.read(SYSTEMD.resolve("rxbreak-" + role + ".service"));
            final Map<String, String> expected = new LinkedHashMap<>();
            expected.put("DynamicUser", "yes");
            expected.put("NoNewPrivileges", "yes");
            expected.put("ProtectSystem", "strict");
            expected.put("ProtectHome", "yes");
            expected.put("PrivateTmp", "yes");
            expected.put("PrivateDevices", "yes");
            expected.put("ProtectKernelTunables", "yes");
            expected.put("ProtectKernelModules", "yes");
            expected.put("ProtectKernelLogs", "yes");
            expected.put("ProtectControlGroups", "yes");
            expected.put("RestrictAddressFamilies", "AF_INET AF_INET6 AF_NETLINK AF_UNIX");
            expected.put("RestrictNamespaces", "yes");
            expected.put("LockPersonality", "yes");
            expected.put("SystemCallArchitectures", "native");
            expected.put("Restart", "on-failure");
            expected.put("EnvironmentFile", "/etc/rxbreak/" + role + ".env");
            expected.put("LoadCredential", role + ".key:/etc/rxbreak/tls/" + role + ".key");
            final String capabilities = "receiver".equals(role) ? "CAP_NET_ADMIN" : "";
            expected.put("CapabilityBoundingSet", capabilities);
            expected.put("AmbientCapabilities", capabilities);
            expected.forEach((key, value) -> assertThat(unit.value("Service", key)).as(role + ": " + key)
                .isEqualTo(value));
            assertThat(unit.values("Service", "MemoryDenyWriteExecute")).as(role + ": the JIT needs W+X").isEmpty();

            final String exec = unit.value("Service", "ExecStart");
            assertThat(exec).as(role).startsWith("/usr/bin/java $RXBREAK_JAVA_OPTS -jar /opt/rxbreak/rxbreak.jar " +
                    VERBS.get(role) + " --agent ${RXBREAK_LISTEN} ")
                .contains(" --agent-tls-cert /etc/rxbreak/tls/" + role + ".crt ")
                .contains(" --agent-tls-key %d/" + role + ".key ")
                .as(role + ": the token never on the command line").doesNotContain(TOKEN, "--agent-token");
        }

        final UnitFile dropIn = UnitFile.read(SYSTEMD.resolve("rxbreak-receiver.service.d/drop-reasons.conf.example"));
        assertThat(dropIn.value("Service", "User")).isEqualTo("root");
        assertThat(dropIn.value("Service", "DynamicUser")).isEqualTo("no");
        assertThat(dropIn.value("Service", "ProtectKernelTunables")).isEqualTo("no");
        assertThat(dropIn.values("Service", "CapabilityBoundingSet"))
            .containsExactly("", "CAP_NET_ADMIN CAP_SYS_ADMIN CAP_SYSLOG");
    }

    @Test
    void eachEnvironmentFileExampleAssignsWhatItsUnitUses() throws IOException
    {
        for (final String role : ROLES)
        {
            final Map<String, String> example = environmentFile(Files.readString(SYSTEMD.resolve(role + ".env.example")));
            assertThat(example.keySet()).as(role).isEqualTo(unitVariables(role));
            assertThat(example.get(TOKEN)).as(role + ": no token in an example").isEmpty();
        }
    }

    /**
     * @return the RXBREAK_ variables a role's unit passes to its ExecStart, and the token the agent reads itself.
     */
    private static Set<String> unitVariables(final String role) throws IOException
    {
        final UnitFile unit = UnitFile.read(SYSTEMD.resolve("rxbreak-" + role + ".service"));
        final Set<String> variables = new LinkedHashSet<>();
        final Matcher matcher = UNIT_VARIABLE.matcher(unit.value("Service", "ExecStart"));
        while (matcher.find())
        {
            variables.add(matcher.group(1));
        }
        variables.add(TOKEN);
        return variables;
    }

    /**
     * @param text an environment file, as systemd's EnvironmentFile= reads it (KEY=VALUE, optionally quoted).
     * @return its assignments.
     */
    private static Map<String, String> environmentFile(final String text)
    {
        final Map<String, String> assignments = new HashMap<>();
        text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(line ->
        {
            final int equals = line.indexOf('=');
            assertThat(equals).as(line).isPositive();
            String value = line.substring(equals + 1);
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\""))
            {
                value = value.substring(1, value.length() - 1);
            }
            assertThat(assignments.put(line.substring(0, equals), value)).as("assigned twice: " + line).isNull();
        });
        return assignments;
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    /**
     * @return the environment of an Ansible run: no ansible.cfg of this machine or user, temporary files here.
     */
    private Map<String, String> ansibleEnvironment() throws IOException
    {
        final Path config = Files.writeString(dir.resolve("ansible.cfg"), "[defaults]\n");
        return Map.of("ANSIBLE_CONFIG", config.toString(),
            "ANSIBLE_LOCAL_TEMP", dir.resolve("ansible-local").toString(),
            "ANSIBLE_REMOTE_TEMP", dir.resolve("ansible-remote").toString(),
            "ANSIBLE_NOCOLOR", "1",
            "LC_ALL", "C.UTF-8");
    }

    /**
     * @return an agent's settings as the playbook resolves them: the host's, its group's, every host's, the
     *     defaults (keys without the rxbreak_ prefix), the address from rxbreak_address.
     */
    private static Map<String, JsonNode> settings(final JsonNode defaults, final JsonNode... scopes)
    {
        final Map<String, JsonNode> settings = new HashMap<>();
        defaults.properties().forEach(entry -> settings.put(entry.getKey(), entry.getValue()));
        for (final JsonNode scope : scopes)
        {
            if (scope != null)
            {
                scope.properties().forEach(entry ->
                {
                    if (entry.getKey().startsWith("rxbreak_"))
                    {
                        settings.put(entry.getKey().substring("rxbreak_".length()), entry.getValue());
                    }
                });
            }
        }
        return settings;
    }

    /**
     * @return the certificate's SHA-256 as the topology pins it: sha256:AB:CD:...
     */
    private static String fingerprint(final X509Certificate certificate) throws GeneralSecurityException
    {
        final StringJoiner hex = new StringJoiner(":", "sha256:", "");
        for (final byte b : MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()))
        {
            hex.add(String.format("%02X", b));
        }
        return hex.toString();
    }
}
