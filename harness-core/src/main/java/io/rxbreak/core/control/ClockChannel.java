package io.rxbreak.core.control;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import io.rxbreak.core.protocol.AgentApi;
import io.rxbreak.core.protocol.ClockAnswer;

/**
 * {@code GET /clock} to one agent over a connection of its own, kept open, for clock exchanges whose round trip is
 * the measurement's uncertainty: the calling thread writes the request and reads the answer itself, on a socket
 * with Nagle's algorithm off, where the JDK's HTTP client hands each request and answer between threads of its own
 * (milliseconds on a busy host, against a tenth of that here). Same token, time-out and errors as {@link AgentClient},
 * which opens it ({@link AgentClient#openClockChannel()}, connected); plain HTTP only.
 * <p>
 * One thread at a time; not safe to share.
 */
public final class ClockChannel implements AutoCloseable
{
    /** The largest answer read: a clock answer, or an error answer, is far smaller. */
    private static final int MAX_ANSWER_BYTES = 16 * 1024;

    private final URI base;
    private final SSLContext tls;
    private final InetSocketAddress address;
    private final int timeoutMs;
    private final byte[] request;
    private final byte[] line = new byte[MAX_ANSWER_BYTES];
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    /**
     * @param tls the TLS context of an {@code https://} agent (its pin, or the default trust), or null for plain HTTP.
     * @throws IllegalArgumentException when the URL is neither, or its scheme and {@code tls} disagree.
     */
    ClockChannel(final URI base, final String token, final Duration timeout, final SSLContext tls)
    {
        final boolean https = "https".equalsIgnoreCase(base.getScheme());
        if (!https && !"http".equalsIgnoreCase(base.getScheme()) || https != (tls != null))
        {
            throw new IllegalArgumentException("clock exchanges speak HTTP, or HTTPS with a TLS context: not " +
                base.getScheme() + (tls == null ? "" : " with one") + " (" + base + ")");
        }
        this.tls = tls;
        this.base = base;
        this.address = new InetSocketAddress(base.getHost().replace("[", "").replace("]", ""),
            base.getPort() < 0 ? (https ? 443 : 80) : base.getPort());
        this.timeoutMs = (int)Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        final StringBuilder text = new StringBuilder()
            .append("GET ").append(AgentApi.CLOCK).append(" HTTP/1.1\r\n")
            .append("Host: ").append(base.getRawAuthority()).append("\r\n");
        if (token != null && !token.isEmpty())
        {
            text.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        this.request = text.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Connect now, so that the first exchange's round trip is not the connection's.
     *
     * @return this channel.
     * @throws AgentException when the agent cannot be reached.
     */
    ClockChannel open()
    {
        try
        {
            connect();
            return this;
        }
        catch (final IOException ex)
        {
            throw failure(ex);
        }
    }

    /**
     * One exchange: write the request, read the answer (connecting again first when the agent closed the
     * connection). Take the local clock just before and just after.
     *
     * @return the agent's answer.
     * @throws AgentException when the agent does not answer in time, refuses the connection, answers with an error
     *     (its status and reason: 404 from an agent older than {@link AgentApi#CLOCK}) or with something else.
     */
    public ClockAnswer ask()
    {
        try
        {
            if (socket == null)
            {
                connect();
            }
            out.write(request);
            out.flush();
            return answer();
        }
        catch (final IOException ex)
        {
            close();
            throw failure(ex);
        }
    }

    private AgentException failure(final IOException ex)
    {
        if (ex instanceof SocketTimeoutException)
        {
            return new AgentException(0, "the agent at " + base + " did not answer within " + timeoutMs + " ms", ex);
        }
        if (ex instanceof ConnectException)
        {
            return new AgentException(0, "the agent at " + base + " refused the connection (not running?)", ex);
        }
        return new AgentException(0, "the agent at " + base + " failed: " + ex.getMessage(), ex);
    }

    private void connect() throws IOException
    {
        final Socket opened = new Socket();
        try
        {
            opened.setTcpNoDelay(true);
            opened.connect(address, timeoutMs);
            opened.setSoTimeout(timeoutMs);
            Socket stream = opened;
            if (tls != null)
            {
                // the handshake happens once here, so that no exchange's round trip holds it
                final SSLSocket secured = (SSLSocket)tls.getSocketFactory().createSocket(opened,
                    address.getHostString(), address.getPort(), true);
                secured.startHandshake();
                stream = secured;
            }
            out = stream.getOutputStream();
            in = new BufferedInputStream(stream.getInputStream());
            socket = stream;
        }
        catch (final IOException ex)
        {
            opened.close();
            throw ex;
        }
    }

    private ClockAnswer answer() throws IOException
    {
        final String statusLine = readLine();
        final String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1."))
        {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        final int status = number(parts[1], statusLine);
        int length = -1;
        boolean closing = false;
        for (String header = readLine(); !header.isEmpty(); header = readLine())
        {
            final int colon = header.indexOf(':');
            final String name = colon < 0 ? header : header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            final String value = colon < 0 ? "" : header.substring(colon + 1).trim();
            if (name.equals("content-length"))
            {
                length = number(value, header);
            }
            else if (name.equals("connection"))
            {
                closing = value.equalsIgnoreCase("close");
            }
        }
        if (length < 0)
        {
            throw new IOException("an answer without Content-Length");
        }
        if (length > MAX_ANSWER_BYTES)
        {
            throw new IOException("an answer of " + length + " bytes, more than a clock's " + MAX_ANSWER_BYTES);
        }
        final byte[] body = in.readNBytes(length);
        if (body.length < length)
        {
            throw new IOException("the connection closed within the answer");
        }
        if (closing)
        {
            close();
        }
        final String uri = base + AgentApi.CLOCK;
        if (status / 100 != 2)
        {
            throw new AgentException(status, uri + ": " + status + " " + AgentClient.reason(body));
        }
        return AgentClient.read(uri, body, ClockAnswer.class);
    }

    private static int number(final String text, final String line) throws IOException
    {
        try
        {
            return Integer.parseInt(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IOException("not an HTTP answer: " + line, ex);
        }
    }

    private String readLine() throws IOException
    {
        int length = 0;
        while (true)
        {
            final int b = in.read();
            if (b < 0)
            {
                throw new IOException("the connection closed within the answer");
            }
            if (b == '\n')
            {
                return new String(line, 0, length > 0 && line[length - 1] == '\r' ? length - 1 : length,
                    StandardCharsets.ISO_8859_1);
            }
            if (length == line.length)
            {
                throw new IOException("an answer line longer than " + line.length + " bytes");
            }
            line[length++] = (byte)b;
        }
    }

    @Override
    public void close()
    {
        if (socket != null)
        {
            try
            {
                socket.close();
            }
            catch (final IOException ex)
            {
                // closing: nothing more to read from it
            }
            socket = null;
        }
    }
}
