package io.rxbreak.feed.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.rxbreak.core.cli.ExitCodes;
import io.rxbreak.core.control.Json;
import io.rxbreak.feed.Feed;
import io.rxbreak.feed.FeedProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rxbreak feed inspect FILE [--json]}: what a recorded feed asks of a receiver.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
    description = "Read a feed and print what it asks of a receiver: messages, bytes and duration, the mean rate, "
        + "the peak rate in windows of 100us to 1s, the destinations and ports, the sizes, and the packets skipped. "
        + "FILE is told by its first bytes: pcap (us or ns), pcapng, or a CSV of offset_ns,group:port,size or "
        + "offset_ns,size (see docs/feed.md).")
public final class InspectCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The capture or CSV timeline.")
    Path file;

    @Option(names = "--json", description = "The profile as one JSON object (its fields in docs/feed.md).")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException
    {
        final Feed feed = Feed.read(file);
        final FeedProfile profile = FeedProfile.of(feed);
        final PrintWriter out = spec.commandLine().getOut();
        if (json)
        {
            out.println(Json.PRETTY.writeValueAsString(profile));
        }
        else
        {
            ProfileText.print(out, feed, profile);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
