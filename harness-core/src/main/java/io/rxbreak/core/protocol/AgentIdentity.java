package io.rxbreak.core.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What every agent's {@code /status} says first, in every version of the protocol: its role and the protocol it
 * speaks. Read before the rest of the status (whose fields may differ in another version), so that an agent of
 * another version is told apart by its version rather than by a field this side does not know.
 *
 * @param role {@link AgentApi#SENDER} or {@link AgentApi#RECEIVER}.
 * @param protocolVersion the protocol it speaks, or null when it does not say (an rxbreak from before versions).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentIdentity(String role, Integer protocolVersion)
{
    /**
     * @param expectedRole the role the agent is to play, {@link AgentApi#SENDER} or {@link AgentApi#RECEIVER}.
     * @param url the agent's base URL, for the message.
     * @return why this side cannot drive the agent in that role, in one line naming the agent and both versions;
     *     null when it can.
     */
    public String mismatch(final String expectedRole, final String url)
    {
        final String agent = "the " + expectedRole + " agent at " + url;
        if (protocolVersion == null)
        {
            return agent + " states no protocol version (an rxbreak from before protocol versions), this controller " +
                "speaks version " + AgentApi.PROTOCOL_VERSION + ": run the same rxbreak release on every host";
        }
        if (protocolVersion != AgentApi.PROTOCOL_VERSION)
        {
            return agent + " speaks protocol version " + protocolVersion + ", this controller version " +
                AgentApi.PROTOCOL_VERSION + ": run the same rxbreak release on every host";
        }
        if (!expectedRole.equals(role))
        {
            return agent + " is a " + role + " agent: check --sender-agent and --receiver-agent";
        }
        return null;
    }
}
