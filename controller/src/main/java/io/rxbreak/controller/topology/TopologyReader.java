package io.rxbreak.controller.topology;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.config.Units;
import io.rxbreak.core.control.TlsFingerprint;
import io.rxbreak.core.net.MulticastGroup;
import io.rxbreak.core.protocol.ThrottleSpec;

/**
 * Reads a topology file (YAML; the format is in docs/topology.md) and checks it whole before anything starts: every
 * key known, every agent named once with a role, reached by URL or started over SSH (or here, given neither), the
 * keys of one role not given to the other, the values read as the agents will read them. Anything wrong is one line,
 * {@code FILE: agent NAME: what to change}, as a {@link BadInputException} (exit code 2).
 */
public final class TopologyReader
{
    /** The option that names the file. */
    public static final String OPTION = "--topology";

    private static final YAMLMapper YAML = YAMLMapper.builder()
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .build();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,39}");
    private static final Pattern ENV = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Path file;

    private TopologyReader(final Path file)
    {
        this.file = file;
    }

    /**
     * The file as written: the keys a topology file may hold.
     */
    record File(String tokenEnv, List<Agent> agents)
    {
    }

    /**
     * One agent as written.
     */
    record Agent(String name, String role, String url, String ssh, List<String> sshOptions, String command,
        String listen, String tlsFingerprint, @JsonProperty("interface") String interfaceName, List<String> groups,
        Integer streams, Integer ttl, String throttle, String rcvbuf, Integer sockets)
    {
    }

    /**
     * @param file a topology file.
     * @return the topology, checked.
     * @throws BadInputException one line naming the file, the agent and what to change.
     * @throws IOException when the file cannot be read.
     */
    public static Topology read(final Path file) throws IOException
    {
        return new TopologyReader(file).topology();
    }

    private Topology topology() throws IOException
    {
        final File raw;
        try
        {
            raw = YAML.readValue(Files.readAllBytes(file), File.class);
        }
        catch (final NoSuchFileException ex)
        {
            throw new BadInputException(file + ": no such topology file (" + OPTION + ")");
        }
        catch (final UnrecognizedPropertyException ex)
        {
            throw new BadInputException(file + ": " + at(ex) + "unknown key '" + ex.getPropertyName() + "' (known: " +
                ex.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")", ex);
        }
        catch (final MismatchedInputException ex)
        {
            throw new BadInputException(file + ": " + at(ex) + pathOf(ex) + "expected " +
                (ex.getTargetType() == null ? "another shape" : shape(ex.getTargetType())), ex);
        }
        catch (final JacksonException ex)
        {
            throw new BadInputException(file + ": " + at(ex) + "expected YAML: " + oneLine(ex.getOriginalMessage()), ex);
        }
        if (raw == null || raw.agents() == null || raw.agents().isEmpty())
        {
            throw new BadInputException(file + ": expected 'agents:', a list of the senders and receivers");
        }
        final String tokenEnv = raw.tokenEnv() == null ? Topology.DEFAULT_TOKEN_ENV : raw.tokenEnv().trim();
        if (!ENV.matcher(tokenEnv).matches())
        {
            throw new BadInputException(file + ": tokenEnv: '" + tokenEnv + "' is no environment variable name");
        }
        final List<TopologyAgent> agents = new ArrayList<>();
        final Set<String> names = new HashSet<>();
        for (int i = 0; i < raw.agents().size(); i++)
        {
            final Agent agent = raw.agents().get(i);
            if (agent == null)
            {
                throw new BadInputException(file + ": agents[" + i + "]: expected a map of name, role, url or ssh, ...");
            }
            final TopologyAgent checked = agent(i, agent);
            if (!names.add(checked.name()))
            {
                throw new BadInputException(file + ": agent " + checked.name() + ": the name is given twice: name each " +
                    "agent once");
            }
            agents.add(checked);
        }
        final Topology topology = new Topology(file, tokenEnv, agents);
        if (topology.senders().isEmpty() || topology.receivers().isEmpty())
        {
            throw new BadInputException(file + ": expected at least one agent of role sender and one of role " +
                "receiver, found " + topology.senders().size() + " and " + topology.receivers().size());
        }
        return topology;
    }

    private TopologyAgent agent(final int index, final Agent agent)
    {
        if (agent.name() == null || !NAME.matcher(agent.name().trim()).matches())
        {
            throw new BadInputException(file + ": agents[" + index + "]: name: expected letters, digits, '.', '_' or "
                + "'-' (at most 40), like rx-a, found " + (agent.name() == null ? "none" : "'" + agent.name() + "'"));
        }
        final String name = agent.name().trim();
        final TopologyAgent.Role role = role(name, agent.role());
        if (agent.url() != null && agent.ssh() != null)
        {
            throw bad(name, "give url (an agent already running) or ssh (start it there), not both");
        }
        if (agent.url() != null)
        {
            url(name, agent.url());
        }
        if (agent.ssh() == null)
        {
            for (final String key : new String[] {"sshOptions", "command", "listen"})
            {
                if (given(agent, key))
                {
                    throw bad(name, key + " goes with ssh: (an agent the controller starts over SSH)");
                }
            }
        }
        else if (agent.ssh().isBlank() || agent.ssh().startsWith("-"))
        {
            throw bad(name, "ssh: expected a target like user@host, found '" + agent.ssh() + "'");
        }
        if (agent.tlsFingerprint() != null)
        {
            try
            {
                TlsFingerprint.parse(agent.tlsFingerprint().trim());
            }
            catch (final IllegalArgumentException ex)
            {
                throw bad(name, "tlsFingerprint: " + ex.getMessage());
            }
            if (agent.url() != null && !agent.url().startsWith("https://"))
            {
                throw bad(name, "tlsFingerprint pins a TLS certificate, but the url is not https://");
            }
        }
        final boolean sender = role == TopologyAgent.Role.SENDER;
        for (final String key : sender ? new String[] {"throttle", "rcvbuf", "sockets"} : new String[] {"streams", "ttl"})
        {
            if (given(agent, key))
            {
                throw bad(name, key + " is a " + (sender ? "receiver" : "sender") + "'s key, and " + name + " is a " +
                    role.word());
            }
        }
        final List<MulticastGroup> groups = new ArrayList<>();
        for (final String group : agent.groups() == null ? List.<String>of() : agent.groups())
        {
            groups.add(parse(name, () -> MulticastGroup.parse("groups", group, false)));
        }
        if (agent.throttle() != null)
        {
            parse(name, () -> ThrottleSpec.parse("throttle", agent.throttle()));
        }
        final Long rcvbuf = agent.rcvbuf() == null ? null : parse(name, () -> Units.parseBytes(agent.rcvbuf()));
        if (rcvbuf != null && rcvbuf <= 0)
        {
            throw bad(name, "rcvbuf: must be more than 0 bytes, like 8MiB");
        }
        if (agent.ttl() != null && (agent.ttl() < 1 || agent.ttl() > 255 || agent.url() != null))
        {
            throw bad(name, agent.url() != null ? "ttl sets a sender this controller starts; a running agent (url) "
                + "keeps the TTL it started with (rxbreak send --ttl)" : "ttl: expected 1-255, found " + agent.ttl());
        }
        if (agent.sockets() != null && agent.sockets() < 1 || agent.streams() != null && agent.streams() < 1)
        {
            throw bad(name, (agent.sockets() != null ? "sockets" : "streams") + ": must be 1 or more");
        }
        return new TopologyAgent(name, role, agent.url() == null ? null : agent.url().trim(), trimmed(agent.ssh()),
            agent.sshOptions(), trimmed(agent.command()), trimmed(agent.listen()), trimmed(agent.tlsFingerprint()),
            trimmed(agent.interfaceName()), groups, agent.streams(), agent.ttl(), agent.throttle(), rcvbuf,
            agent.sockets());
    }

    private TopologyAgent.Role role(final String name, final String role)
    {
        for (final TopologyAgent.Role candidate : TopologyAgent.Role.values())
        {
            if (candidate.word().equals(role == null ? null : role.trim().toLowerCase(Locale.ROOT)))
            {
                return candidate;
            }
        }
        throw bad(name, "role: expected sender or receiver, found " + (role == null ? "none" : "'" + role + "'"));
    }

    private void url(final String name, final String url)
    {
        try
        {
            final URI uri = new URI(url.trim());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null ||
                uri.getPort() < 0)
            {
                throw bad(name, "url: expected http(s)://HOST:PORT, like https://198.18.5.2:7070, found '" + url + "'");
            }
        }
        catch (final URISyntaxException ex)
        {
            throw bad(name, "url: '" + url + "' is no URL: " + ex.getReason());
        }
    }

    private static boolean given(final Agent agent, final String key)
    {
        return switch (key)
        {
            case "sshOptions" -> agent.sshOptions() != null && !agent.sshOptions().isEmpty();
            case "command" -> agent.command() != null;
            case "listen" -> agent.listen() != null;
            case "throttle" -> agent.throttle() != null;
            case "rcvbuf" -> agent.rcvbuf() != null;
            case "sockets" -> agent.sockets() != null;
            case "streams" -> agent.streams() != null;
            case "ttl" -> agent.ttl() != null;
            default -> throw new IllegalArgumentException(key);
        };
    }

    private <T> T parse(final String name, final java.util.function.Supplier<T> read)
    {
        try
        {
            return read.get();
        }
        catch (final BadInputException | IllegalArgumentException ex)
        {
            throw bad(name, ex.getMessage());
        }
    }

    private BadInputException bad(final String name, final String problem)
    {
        return new BadInputException(file + ": agent " + name + ": " + problem);
    }

    private static String trimmed(final String text)
    {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static String at(final JacksonException ex)
    {
        final JsonLocation location = ex.getLocation();
        return location == null || location.getLineNr() < 1 ? "" : "line " + location.getLineNr() + ": ";
    }

    private static String pathOf(final MismatchedInputException ex)
    {
        final StringBuilder path = new StringBuilder();
        for (final com.fasterxml.jackson.databind.JsonMappingException.Reference ref : ex.getPath())
        {
            if (ref.getFieldName() != null)
            {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            }
            else
            {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "" : path + ": ";
    }

    private static String shape(final Class<?> type)
    {
        if (List.class.isAssignableFrom(type))
        {
            return "a list";
        }
        if (type == Integer.class || type == int.class)
        {
            return "a whole number";
        }
        if (type == String.class)
        {
            return "a single value";
        }
        return "a map of keys";
    }

    private static String oneLine(final String text)
    {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }
}
