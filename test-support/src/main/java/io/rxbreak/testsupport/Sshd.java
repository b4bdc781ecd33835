package io.rxbreak.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Debian's OpenSSH server ({@value #SSHD}) on one host of a {@link NamespaceLab}, listening on that host's address,
 * port 22: a host key and a client key made by {@code ssh-keygen} in a temporary folder, the client key the only one
 * authorized (for root), StrictModes and PAM off, a pid file of its own. {@link #clientOptions()} are the options
 * that make the system's {@code ssh} reach it with that key alone and its host key known. {@link #close()} stops it
 * and removes the folder; sshd and its sessions also end with the lab's namespace. Needs root: call
 * {@link Privileges#assumeRoot(String)} and {@link #assumeAvailable()} first.
 */
public final class Sshd implements AutoCloseable
{
    /** Debian's sshd (openssh-server); it must be started by its absolute path (it re-executes itself). */
    public static final String SSHD = "/usr/sbin/sshd";
    /** The user the client key logs in as. */
    public static final String USER = "root";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    /** sshd's privilege-separation directory, which it requires to exist. */
    private static final Path PRIVSEP_DIR = Path.of("/run/sshd");

    private final String address;
    private final Path dir;
    private final ChildProcess process;

    private Sshd(final String address, final Path dir, final ChildProcess process)
    {
        this.address = address;
        this.dir = dir;
        this.process = process;
    }

    /**
     * Skip the calling test (or fail it under CI) when sshd, ssh or ssh-keygen is missing, or when sshd would refuse
     * root: without PAM, OpenSSH refuses an account whose password is locked ({@code !} in /etc/shadow), even for
     * key logins.
     */
    public static void assumeAvailable()
    {
        if (!Files.isExecutable(Path.of(SSHD)))
        {
            Skips.skipOrFail("sshd not installed", SSHD + " is not installed: apt-get install -y openssh-server " +
                "(./run.sh test installs it as root)");
        }
        PacketCapture.assumeInstalled("ssh", "openssh-client");
        PacketCapture.assumeInstalled("ssh-keygen", "openssh-client");
        if (rootPasswordLocked())
        {
            Skips.skipOrFail("root locked for sshd", "sshd without PAM refuses root, whose password is locked ('!' " +
                "in /etc/shadow): usermod -p '*' root allows key logins and still no password");
        }
    }

    /**
     * @param lab the lab.
     * @param host the index of the host it runs on.
     * @return sshd, listening on that host's address.
     */
    public static Sshd start(final NamespaceLab lab, final int host)
    {
        final Path dir = createFolder();
        try
        {
            ensurePrivilegeSeparationDir();
            keygen(dir.resolve("host_key"));
            keygen(dir.resolve("client_key"));
            keygen(dir.resolve("stranger_key"));
            final String address = lab.address(host);
            Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
            Files.writeString(dir.resolve("known_hosts"), address + " " +
                Files.readString(dir.resolve("host_key.pub"), StandardCharsets.UTF_8));
            final Path config = dir.resolve("sshd_config");
            Files.write(config, List.of(
                "ListenAddress " + address + ":22",
                "HostKey " + dir.resolve("host_key"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PidFile " + dir.resolve("sshd.pid"),
                "PermitRootLogin prohibit-password",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "StrictModes no",
                "UsePAM no",
                "PrintMotd no",
                "LogLevel INFO"), StandardCharsets.UTF_8);
            final ChildProcess process = lab.host(host).start(List.of(SSHD, "-D", "-e", "-f", config.toString()));
            final Sshd sshd = new Sshd(address, dir, process);
            try
            {
                process.awaitStderrLine(START_TIMEOUT, line -> line.startsWith("Server listening on " + address));
            }
            catch (final RuntimeException | AssertionError ex)
            {
                sshd.close();
                throw ex;
            }
            return sshd;
        }
        catch (final IOException ex)
        {
            deleteFolder(dir);
            throw new UncheckedIOException("could not set up sshd in " + dir, ex);
        }
        catch (final RuntimeException | AssertionError ex)
        {
            deleteFolder(dir);
            throw ex;
        }
    }

    /**
     * @return the ssh target that reaches it, {@code root@ADDRESS}.
     */
    public String target()
    {
        return USER + "@" + address;
    }

    /**
     * @return the host's address it listens on (port 22).
     */
    public String address()
    {
        return address;
    }

    /**
     * @return the ssh client options that reach it with the authorized key alone and its host key pinned: no
     *     configuration file, batch mode, strict host key checking against a known_hosts holding its key only.
     */
    public List<String> clientOptions()
    {
        return clientOptions(dir.resolve("client_key"));
    }

    /**
     * @param identity the private key to offer.
     * @return {@link #clientOptions()} with another key.
     */
    public List<String> clientOptions(final Path identity)
    {
        final List<String> options = new ArrayList<>(List.of("-F", "none",
            "-o", "BatchMode=yes",
            "-o", "StrictHostKeyChecking=yes",
            "-o", "UserKnownHostsFile=" + dir.resolve("known_hosts"),
            "-o", "GlobalKnownHostsFile=/dev/null",
            "-o", "IdentitiesOnly=yes",
            "-o", "ConnectTimeout=5"));
        options.addAll(List.of("-i", identity.toString()));
        return options;
    }

    /**
     * @return a private key of the right kind that sshd does not authorize, for tests of a refused login.
     */
    public Path strangerKey()
    {
        return dir.resolve("stranger_key");
    }

    /**
     * @return the sshd process (its sessions are its descendants).
     */
    public ChildProcess process()
    {
        return process;
    }

    @Override
    public void close()
    {
        try
        {
            // the sessions first, while they are still the listener's descendants (they outlive its SIGTERM)
            process.process().descendants().forEach(ProcessHandle::destroyForcibly);
            process.terminate(STOP_TIMEOUT);
        }
        catch (final AssertionError ex)
        {
            // it did not stop in time: killed below
        }
        finally
        {
            process.close();
            deleteFolder(dir);
        }
    }

    private static void keygen(final Path file)
    {
        NetworkNamespace.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "rxbreak-test", "-f",
            file.toString());
    }

    private static Path createFolder()
    {
        try
        {
            return Files.createTempDirectory("rxbreak-sshd-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not make a folder for sshd", ex);
        }
    }

    private static void ensurePrivilegeSeparationDir() throws IOException
    {
        if (!Files.isDirectory(PRIVSEP_DIR))
        {
            Files.createDirectories(PRIVSEP_DIR,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
    }

    private static boolean rootPasswordLocked()
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/etc/shadow"), StandardCharsets.UTF_8))
            {
                if (line.startsWith(USER + ":"))
                {
                    return line.split(":", -1)[1].startsWith("!");
                }
            }
        }
        catch (final IOException ex)
        {
            // not readable (not root): assumeRoot says so first
        }
        return false;
    }

    private static void deleteFolder(final Path dir)
    {
        try (Stream<Path> paths = Files.walk(dir))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(path);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not remove " + dir, ex);
        }
    }
}
