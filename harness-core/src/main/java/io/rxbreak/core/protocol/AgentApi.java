package io.rxbreak.core.protocol;

/**
 * The agent protocol between the ramp controller and its sender and receiver agents: its version, its paths, and
 * the record each request and answer is (every one in this package, written by the agents and read by the
 * controller with harness-core's one JSON mapper, {@code io.rxbreak.core.control.Json}). A sender's trial report is
 * the final object of {@code rxbreak send --json}, a receiver's the final object of {@code rxbreak receive --json},
 * so the protocol and the command line speak the same contract.
 *
 * <pre>
 * role     request                  body               answer
 * both     GET  /status                                SenderStatus or ReceiverStatus (role, protocolVersion, ...)
 * both     GET  /metrics                               Prometheus text
 * both     GET  /clock                                 ClockAnswer: the agent's datagram clock, read as the request
 *                                                      reached the handler and as it answered
 * sender   POST /trial/start        SenderTrial        SenderStartAnswer; 409 while a trial runs
 * sender   POST /trial/run          SenderTrial        SenderRunAnswer, once the trial ended
 * sender   GET  /trial/result?trial=N                  SenderResultAnswer: {"done": false, "snapshot": ...} or
 *                                                      {"done": true, "result": ...}
 * sender   POST /trial/stop         SenderTrialStop    SenderResultAnswer (the end markers still go out)
 * receiver POST /trial/begin        ReceiverTrial      ReceiverBeginAnswer: a new trial starts clean, the counters'
 *                                                      window opens
 * receiver POST /trial/end          ReceiverTrialEnd   ReceiverEndAnswer: drained (bounded), the window closed, the
 *                                                      trial's accounting and counters
 * receiver POST /throttle           ThrottleChange     ThrottleAnswer: the throttle changed while it runs
 * any refused request (4xx, 5xx)                       ErrorAnswer
 * </pre>
 *
 * A controller checks an agent's {@code /status} first ({@link AgentIdentity}): an agent of another role or of
 * another {@link #PROTOCOL_VERSION} is refused before anything starts.
 */
public final class AgentApi
{
    /**
     * The version of this protocol, in every agent's {@code /status}. Raised when a request or an answer changes in
     * a way the other side cannot read: a field renamed, removed, or of another type.
     */
    public static final int PROTOCOL_VERSION = 1;

    /** The role of a sender agent, in its status. */
    public static final String SENDER = "sender";
    /** The role of a receiver agent, in its status. */
    public static final String RECEIVER = "receiver";

    public static final String STATUS = "/status";
    public static final String METRICS = "/metrics";
    /**
     * Both roles: the agent's epoch clock, the one behind the datagrams' send times and receipt times
     * ({@link ClockAnswer}), for a controller to measure its offset and drift.
     */
    public static final String CLOCK = "/clock";
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
}
