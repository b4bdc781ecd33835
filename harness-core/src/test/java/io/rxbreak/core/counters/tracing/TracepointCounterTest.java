package io.rxbreak.core.counters.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.rxbreak.core.cli.Main;
import io.rxbreak.core.counters.TracepointCounts;
import io.rxbreak.testsupport.ChildProcess;
import io.rxbreak.testsupport.Deadline;
import io.rxbreak.testsupport.Privileges;
import org.junit.jupiter.api.Test;

/**
 * The tracing instances: made per event, counted, removed on close, on SIGTERM of a watching process, and when
 * left by a process that died.
 */
class TracepointCounterTest
{
    private static final Path SYS = Path.of("/sys");

    @Test
    void countsInItsOwnInstancesAndRemovesThemAndLeftovers() throws IOException
    {
        Privileges.assumeRoot("tracefs instances");
        final TracepointCounter first = TracepointCounter.open(SYS);
        try
        {
            final Path instances = first.instanceDirs().get(0).getParent();
            assertThat(first.instanceDirs()).hasSize(TracepointCounter.EVENTS.size())
                .allSatisfy(dir -> assertThat(dir.getFileName().toString())
                    .startsWith("rxbreak-" + ProcessHandle.current().pid() + "-"));
            final TracepointCounts counts = first.read();
            assertThat(counts.available()).isTrue();
            assertThat(counts.counts().keySet()).containsExactlyElementsOf(TracepointCounter.EVENTS);

            final Path leftover = instances.resolve("rxbreak-999999999-1-sock_rcvqueue_full");
            Files.createDirectory(leftover);
            Files.writeString(leftover.resolve("events/sock/sock_rcvqueue_full/enable"), "1");
            try (TracepointCounter second = TracepointCounter.open(SYS))
            {
                assertThat(leftover).as("a dead process's instance is removed").doesNotExist();
                assertThat(second.instanceDirs()).allSatisfy(dir -> assertThat(dir).isDirectory());
            }
        }
        finally
        {
            first.close();
        }
        assertThat(first.instanceDirs()).allSatisfy(dir -> assertThat(dir).doesNotExist());
    }

    @Test
    void aWatchEndedBySigtermRemovesItsInstances() throws IOException
    {
        Privileges.assumeRoot("tracefs instances");
        // Held open so that tracefs stays mounted while the child's instances are checked.
        try (TracepointCounter holder = TracepointCounter.open(SYS);
            ChildProcess watch = ChildProcess.start(ChildProcess.javaCommand(Main.class,
                List.of("counters", "watch", "--interval", "100ms"))))
        {
            final Path instances = holder.instanceDirs().get(0).getParent();
            watch.awaitLine(Duration.ofSeconds(30), line -> line.startsWith("time "));
            final String prefix = "rxbreak-" + watch.pid() + "-";
            // one instance per socket-buffer tracepoint, and the drop reasons' (DropReasonCounter)
            assertThat(ours(instances, prefix)).hasSize(TracepointCounter.EVENTS.size() + 1)
                .anyMatch(dir -> dir.getFileName().toString().endsWith("-kfree_skb"));
            watch.terminate(Duration.ofSeconds(30));
            Deadline.await(Duration.ofSeconds(10), "the watch's instances to go", () -> ours(instances, prefix).isEmpty());
        }
    }

    private static List<Path> ours(final Path instances, final String prefix)
    {
        try (Stream<Path> list = Files.list(instances))
        {
            return list.filter(dir -> dir.getFileName().toString().startsWith(prefix)).toList();
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
