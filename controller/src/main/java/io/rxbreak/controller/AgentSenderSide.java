package io.rxbreak.controller;

import java.time.Duration;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.rxbreak.core.control.AgentApi;
import io.rxbreak.core.control.AgentClient;
import io.rxbreak.core.control.AgentException;

/**
 * The sender agent, as the controller sees it: run a trial (one request, answered when it ended), stop it.
 */
public final class AgentSenderSide implements AutoCloseable
{

    private final AgentClient client;
    private final LocalAgent local;
    private final JsonNode status;

    /**
     * @param client the sender agent.
     * @param local the local process behind it, or null for a remote agent.
     */
    public AgentSenderSide(final AgentClient client, final LocalAgent local)
    {
        this.client = client;
        this.local = local;
        this.status = call(() -> client.get(AgentApi.STATUS));
    }

    /**
     * @return the agent's status when the run started.
     */
    public JsonNode status()
    {
        return status;
    }

    /**
     * Run one trial and wait for its result.
     *
     * @param trial the trial.
     * @param timeoutNs how long it may take, beyond which the agent is taken for hung.
     * @return the agent's answer: {@code result}, the sender's final result (the final object of {@code rxbreak
     *     send --json}), and the CPU use of the sending thread and of the agent's other threads.
     * @throws InterruptedException when interrupted; the trial is stopped first.
     */
    public JsonNode run(final AgentApi.SenderTrial trial, final long timeoutNs) throws InterruptedException
    {
        // one request before the first message, answered after the last: nothing on the control plane runs beside
        // the sending thread meanwhile
        try
        {
            final JsonNode answer = call(() -> client.post(AgentApi.TRIAL_RUN, trial, Duration.ofNanos(timeoutNs)));
            if (!answer.path("done").asBoolean(false))
            {
                throw new AgentFailureException("the sender agent answered trial " + trial.trialId() +
                    " before it was done: " + answer);
            }
            return answer;
        }
        catch (final AgentFailureException ex)
        {
            if (Thread.interrupted())
            {
                stopQuietly();
                throw new InterruptedException("interrupted while the sender ran trial " + trial.trialId());
            }
            throw ex;
        }
    }

    private void stopQuietly()
    {
        try
        {
            client.post(AgentApi.TRIAL_STOP, java.util.Map.of());
        }
        catch (final AgentException ex)
        {
            // the run is being interrupted; a sender that cannot be told to stop is killed with its process
        }
    }

    /**
     * @return whether the agent is a process this controller started, on this host.
     */
    public boolean isLocal()
    {
        return local != null;
    }

    /**
     * @return a line on what sends, for the console and report.
     */
    public String describe()
    {
        return "rxbreak sender agent at " + client.base();
    }

    private JsonNode call(final Supplier<JsonNode> request)
    {
        try
        {
            return request.get();
        }
        catch (final AgentException ex)
        {
            if (local != null && (ex.status() == 0 ? local.exitedWithin(LocalAgent.EXIT_GRACE) : !local.isAlive()))
            {
                throw new AgentFailureException(local.describeFailure(), ex);
            }
            throw new AgentFailureException("the sender agent failed: " + ex.getMessage(), ex);
        }
    }

    @Override
    public void close()
    {
        if (local != null)
        {
            local.close();
        }
    }
}
