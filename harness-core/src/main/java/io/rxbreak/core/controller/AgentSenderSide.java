package io.rxbreak.core.controller;

import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.rxbreak.core.control.AgentApi;
import io.rxbreak.core.control.AgentClient;
import io.rxbreak.core.control.AgentException;

/**
 * The sender agent, as the controller sees it: start a trial, poll until it is done, stop it.
 */
public final class AgentSenderSide implements AutoCloseable
{
    private static final long POLL_INTERVAL_MS = 50;

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
     * @return the sender's final result (the final object of {@code rxbreak send --json}).
     * @throws InterruptedException when interrupted; the trial is stopped first.
     */
    public JsonNode run(final AgentApi.SenderTrial trial, final long timeoutNs) throws InterruptedException
    {
        call(() -> client.post(AgentApi.TRIAL_START, trial));
        final long deadlineNs = System.nanoTime() + timeoutNs;
        try
        {
            while (true)
            {
                final JsonNode answer = call(() -> client.get(AgentApi.TRIAL_RESULT + "?trial=" + trial.trialId()));
                if (answer.path("done").asBoolean(false))
                {
                    return answer.path("result");
                }
                if (System.nanoTime() - deadlineNs > 0)
                {
                    throw new AgentFailureException("the sender agent did not finish trial " + trial.trialId() +
                        " within " + timeoutNs / 1_000_000_000L + " s");
                }
                Thread.sleep(POLL_INTERVAL_MS);
            }
        }
        catch (final InterruptedException ex)
        {
            stopQuietly();
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
