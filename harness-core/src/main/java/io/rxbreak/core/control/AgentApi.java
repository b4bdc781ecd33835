package io.rxbreak.core.control;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The control protocol's paths and request bodies, shared by the agents and the controller. Answers are JSON:
 * a sender's trial result is the final object of {@code rxbreak send --json}, a receiver's the final object of
 * {@code rxbreak receive --json}, so the protocol and the command line speak the same contract.
 *
 * <pre>
 * both     GET  /status                      what the agent is and does now
 * both     GET  /metrics                     Prometheus text
 * sender   POST /trial/start  SenderTrial    start a trial; 409 while one runs
 * sender   POST /trial/run    SenderTrial    run a trial: answered {"done": true, "result": ...} when it ended
 * sender   GET  /trial/result?trial=N        {"done": false, "snapshot": ...} or {"done": true, "result": ...}
 * sender   POST /trial/stop                  stop the running trial (end markers still go out)
 * receiver POST /trial/begin  ReceiverTrial  a new trial id starts clean; the counters' window opens
 * receiver POST /trial/end    ReceiverTrialEnd  drain (bounded), close the window: the trial's accounting and counters
 * receiver POST /throttle     ThrottleChange change the throttle while it runs
 * </pre>
 */
public final class AgentApi
{
    public static final String STATUS = "/status";
    public static final String METRICS = "/metrics";
    public static final String TRIAL_START = "/trial/start";
    public static final String TRIAL_RUN = "/trial/run";
    public static final String TRIAL_RESULT = "/trial/result";
    public static final String TRIAL_STOP = "/trial/stop";
    public static final String TRIAL_BEGIN = "/trial/begin";
    public static final String TRIAL_END = "/trial/end";
    public static final String THROTTLE = "/throttle";

    private AgentApi()
    {
    }

    /**
     * A sender trial: what {@code rxbreak send} takes as options, for one trial.
     *
     * @param trialId the id stamped in every message.
     * @param rate messages per second, or {@code max}.
     * @param pattern the pattern ({@code constant} when null).
     * @param sizeBytes the datagram length, header included.
     * @param durationNs the trial's length after the warm-up.
     * @param warmUpNs the warm-up before it (its messages are flagged and sent in the same sequence).
     * @param endMarkers end-of-trial marker rounds after it; null for the sender's default, 0 for none (observe
     *     mode).
     * @param burstLimit count the sender's late bursts of more messages than this (the receiver's buffer, in
     *     datagrams); null for no count.
     * @param quietProcesses other JVMs on the sender's host (a local controller) whose compiler and collector
     *     threads must have settled, with the agent's own, before the first message; null for none.
     */
    public record SenderTrial(int trialId, String rate, String pattern, int sizeBytes, long durationNs, long warmUpNs,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer endMarkers,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long burstLimit,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Long> quietProcesses)
    {
    }

    /**
     * @param trialId the trial that starts on the receiver.
     * @param sizeBytes the trial's datagram size, for the buffer's capacity in datagrams; null when not told.
     */
    public record ReceiverTrial(int trialId, @JsonInclude(JsonInclude.Include.NON_NULL) Integer sizeBytes)
    {
    }

    /**
     * @param trialId the trial to end.
     * @param drainBoundNs how long to wait at most for the end markers and for the sockets' queues to empty.
     */
    public record ReceiverTrialEnd(int trialId, long drainBoundNs)
    {
    }

    /**
     * @param throttle the new throttle, as {@code --throttle} takes it.
     */
    public record ThrottleChange(String throttle)
    {
    }
}
