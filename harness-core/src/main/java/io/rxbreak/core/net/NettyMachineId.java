package io.rxbreak.core.net;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Netty derives its channel ids from a hardware (MAC) address and, in a network namespace with only loopback, prints
 * a two-line warning on stderr when it finds none before using random bytes instead: that breaks the one-line
 * error rule. Channel ids need no hardware address, so rxbreak gives Netty a random machine id itself, once, before
 * any channel is made (unless one was set with {@code -Dio.netty.machineId}).
 */
public final class NettyMachineId
{
    /** The system property Netty reads. */
    public static final String PROPERTY = "io.netty.machineId";

    private NettyMachineId()
    {
    }

    /**
     * Set {@value #PROPERTY} to eight random bytes ({@code 0a:1b:...}) unless it is set. Safe from any thread and
     * to call more than once; call it before Netty's first channel.
     */
    public static synchronized void setIfUnset()
    {
        if (System.getProperty(PROPERTY) == null)
        {
            final byte[] id = new byte[8];
            new SecureRandom().nextBytes(id);
            final StringBuilder text = new StringBuilder();
            for (final byte b : id)
            {
                text.append(text.length() == 0 ? "" : ":").append(String.format(Locale.ROOT, "%02x", b & 0xff));
            }
            System.setProperty(PROPERTY, text.toString());
        }
    }
}
