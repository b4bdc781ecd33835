package io.rxbreak.controller.agents;

import java.time.Duration;
import java.util.function.Supplier;

import io.rxbreak.core.control.AgentClient;
import io.rxbreak.core.control.AgentException;
import io.rxbreak.core.protocol.AgentApi;
import io.rxbreak.core.protocol.SenderResultAnswer;
import io.rxbreak.core.protocol.SenderRunAnswer;
import io.rxbreak.core.protocol.SenderStatus;
import io.rxbreak.core.protocol.SenderTrial;
import io.rxbreak.core.protocol.SenderTrialStop;

/**
 * The sender agent, as the controller sees it: run a trial (one request, answered when it ended), stop it. It
 * refuses, on connecting, an agent that is no sender or speaks another protocol version.
 */
public final class AgentSenderSide implements AutoCloseable
{

    private final AgentClient client;
    private final LocalAgent local;
    private final SenderStatus status;

    /**
     * @param client the sender agent.
     * @param local the local process behind it, or null for a remote agent.
     * @throws AgentFailureException when it cannot be reached, or is no sender agent of this protocol version.
     */
    public AgentSenderSide(final AgentClient client, final LocalAgent local)
    {
        this.client = client;
        this.local = local;
        this.status = call(() -> client.status(AgentApi.SENDER, SenderStatus.class));
    }

    /**
     * @return the agent's status when the run started.
     */
    public SenderStatus status()
    {
        return status;
    }

    /**
     * Run one trial and wait for its result.
     *
     * @param trial the trial.
     * @param timeoutNs how long it may take, beyond which the agent is taken for hung.
     * @return the agent's answer: {@code result}, the sender's report (the final object of {@code rxbreak send
     *     --json}), and the CPU use of the sending thread and of the agent's other threads.
     * @throws InterruptedException when interrupted; the trial is stopped first.
     */
    public SenderRunAnswer run(final SenderTrial trial, final long timeoutNs) throws InterruptedException
    {
        // one request before the first message, answered after the last: nothing on the control plane runs beside
        // the sending thread meanwhile
        try
        {
            final SenderRunAnswer answer = call(() -> client.post(AgentApi.TRIAL_RUN, trial,
                Duration.ofNanos(timeoutNs), SenderRunAnswer.class));
            if (!answer.done() || answer.result() == null)
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
            client.post(AgentApi.TRIAL_STOP, new SenderTrialStop(), SenderResultAnswer.class);
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
     * @return the client that reaches the agent (for calls beside the trials, like its clock's).
     */
    public AgentClient client()
    {
        return client;
    }

    /**
     * @return the agent's base URL.
     */
    public String url()
    {
        return client.base().toString();
    }

    /**
     * @return a line on what sends, for the console and report.
     */
    public String describe()
    {
        return "rxbreak sender agent at " + client.base();
    }

    private <T> T call(final Supplier<T> request)
    {
        return AgentFailureException.calling("sender", local, request);
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
