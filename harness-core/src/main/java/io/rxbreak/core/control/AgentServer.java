package io.rxbreak.core.control;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.rxbreak.core.config.BadInputException;

/**
 * The HTTP/JSON endpoint of a sender or receiver agent, on Netty's HTTP codec, over TLS (Netty's {@link SslHandler})
 * when given a certificate, or plain HTTP. It binds to 127.0.0.1 unless told otherwise; bound anywhere else it
 * requires a shared token ({@code Authorization: Bearer TOKEN}). A TLS agent answers a plain-HTTP request with 400
 * and the https URL to use; a plain-HTTP agent closes a connection that opens with a TLS handshake. Request bodies
 * are limited to {@value #MAX_BODY_BYTES} bytes (413 beyond). Handlers run one at a time on a worker thread of
 * their own, never on the I/O thread, so a handler may block briefly (for example to stop a trial); one whose
 * answer comes later ({@link AgentHandler#handleLater}, a long poll) frees the worker while it waits. The one
 * exception is a handler that answers at once without blocking ({@link AgentHandler#servesAtOnce}, the clock's),
 * served on the I/O thread as soon as its request is read.
 */
public final class AgentServer implements AutoCloseable
{
    /** The largest request body accepted. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private final EventLoopGroup group;
    private final ExecutorService worker;
    private final Channel serverChannel;
    private final InetSocketAddress boundAddress;
    private final AgentCertificate certificate;

    private AgentServer(final EventLoopGroup group, final ExecutorService worker, final Channel serverChannel,
        final AgentCertificate certificate)
    {
        this.group = group;
        this.worker = worker;
        this.serverChannel = serverChannel;
        this.boundAddress = (InetSocketAddress)serverChannel.localAddress();
        this.certificate = certificate;
    }

    /**
     * A plain-HTTP server.
     *
     * @param address where to listen; port 0 picks a free one.
     * @param token the shared token, or null for none (only allowed on a loopback address).
     * @param handler what serves the requests.
     * @return the listening server.
     * @throws BadInputException when bound beyond loopback without a token.
     * @throws InterruptedException when interrupted while binding.
     */
    public static AgentServer start(final InetSocketAddress address, final String token, final AgentHandler handler)
        throws InterruptedException
    {
        return start(address, token, null, handler);
    }

    /**
     * @param address where to listen; port 0 picks a free one.
     * @param token the shared token, or null for none (only allowed on a loopback address).
     * @param certificate what to serve TLS with, or null for plain HTTP.
     * @param handler what serves the requests.
     * @return the listening server.
     * @throws BadInputException when bound beyond loopback without a token.
     * @throws InterruptedException when interrupted while binding.
     */
    public static AgentServer start(final InetSocketAddress address, final String token,
        final AgentCertificate certificate, final AgentHandler handler) throws InterruptedException
    {
        requireToken(address, token);
        final SslContext tls = certificate == null ? null : certificate.serverContext();
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        final ExecutorService worker = Executors.newSingleThreadExecutor(runnable ->
        {
            final Thread thread = new Thread(runnable, "rxbreak-agent-worker");
            thread.setDaemon(true);
            return thread;
        });
        try
        {
            final Channel channel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>()
                {
                    @Override
                    protected void initChannel(final SocketChannel ch)
                    {
                        ch.pipeline()
                            .addLast(new TransportSniffer(tls))
                            .addLast(new HttpServerCodec())
                            .addLast(new HttpObjectAggregator(MAX_BODY_BYTES))
                            .addLast(new RequestHandler(handler, token, worker));
                    }
                })
                .bind(address).sync().channel();
            return new AgentServer(group, worker, channel, certificate);
        }
        catch (final RuntimeException | InterruptedException ex)
        {
            worker.shutdownNow();
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw ex;
        }
    }

    /**
     * @param address where an agent listens.
     * @param token its shared token, or null.
     * @throws BadInputException naming --agent-token when bound beyond loopback without a token.
     */
    static void requireToken(final InetSocketAddress address, final String token)
    {
        if (!address.getAddress().isLoopbackAddress() && (token == null || token.isEmpty()))
        {
            throw BadInputException.option("--agent-token", "an agent bound to " +
                address.getAddress().getHostAddress() + " (not loopback) requires a shared token");
        }
    }

    /**
     * @return the address it listens on (the real port when 0 was asked for).
     */
    public InetSocketAddress boundAddress()
    {
        return boundAddress;
    }

    /**
     * @return the base URL of this agent, like {@code http://127.0.0.1:7070}, or {@code https://...} over TLS.
     */
    public String url()
    {
        return url(certificate != null, boundAddress);
    }

    private static String url(final boolean tls, final InetSocketAddress address)
    {
        final String host = address.getAddress().getHostAddress();
        return (tls ? "https" : "http") + "://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" +
            address.getPort();
    }

    /**
     * @return the fingerprint of the certificate it serves TLS with, or null for plain HTTP.
     */
    public String tlsFingerprint()
    {
        return certificate == null ? null : certificate.fingerprint();
    }

    @Override
    public void close()
    {
        serverChannel.close().syncUninterruptibly();
        worker.shutdownNow();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * The first handler of a connection: it looks at the first bytes and sets the pipeline up for them. Over TLS a
     * TLS handshake gets an {@link SslHandler} before the HTTP codec, and plain HTTP gets a 400 saying to use https
     * (never the handler); without TLS a TLS handshake is closed and plain HTTP goes on to the handler.
     */
    private static final class TransportSniffer extends ByteToMessageDecoder
    {
        /** A TLS record's header: what tells a handshake from HTTP. */
        private static final int RECORD_HEADER_BYTES = 5;

        private final SslContext tls;

        TransportSniffer(final SslContext tls)
        {
            this.tls = tls;
        }

        @Override
        protected void decode(final ChannelHandlerContext ctx, final ByteBuf in, final List<Object> out)
        {
            if (in.readableBytes() < RECORD_HEADER_BYTES)
            {
                return;
            }
            final boolean handshake = SslHandler.isEncrypted(in, false);
            if (handshake && tls != null)
            {
                ctx.pipeline().replace(this, "tls", tls.newHandler(ctx.alloc()));
            }
            else if (handshake)
            {
                in.skipBytes(in.readableBytes());
                ctx.close();
            }
            else
            {
                if (tls != null)
                {
                    ctx.pipeline().replace(RequestHandler.class, "plain-http-refused", new PlainHttpRefused());
                }
                ctx.pipeline().remove(this);
            }
        }
    }

    /**
     * Answers a plain-HTTP request to a TLS agent: 400 with the URL to use, and the connection closed.
     */
    private static final class PlainHttpRefused extends SimpleChannelInboundHandler<FullHttpRequest>
    {
        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
        {
            RequestHandler.write(ctx, AgentResponse.error(400, "this agent serves TLS only: use " +
                url(true, (InetSocketAddress)ctx.channel().localAddress())), false);
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            ctx.close();
        }
    }

    private static final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest>
    {
        private final AgentHandler handler;
        private final byte[] expectedAuthorization;
        private final ExecutorService worker;

        RequestHandler(final AgentHandler handler, final String token, final ExecutorService worker)
        {
            this.handler = handler;
            this.expectedAuthorization = token == null || token.isEmpty() ?
                null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
            this.worker = worker;
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
        {
            final boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (!request.decoderResult().isSuccess())
            {
                write(ctx, AgentResponse.error(400, "malformed HTTP request"), false);
                return;
            }
            if (!authorised(request))
            {
                write(ctx, AgentResponse.error(401, "missing or wrong token: send 'Authorization: Bearer TOKEN'"), keepAlive);
                return;
            }
            final QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            final byte[] body = new byte[request.content().readableBytes()];
            request.content().readBytes(body);
            final AgentRequest agentRequest =
                new AgentRequest(request.method().name(), uri.path(), uri.parameters(), body);
            if (handler.servesAtOnce(agentRequest))
            {
                serve(agentRequest).whenComplete((response, failure) ->
                    write(ctx, failure == null ? response : failed(failure), keepAlive));
                return;
            }
            try
            {
                worker.execute(() -> serve(agentRequest).whenComplete((response, failure) ->
                    write(ctx, failure == null ? response : failed(failure), keepAlive)));
            }
            catch (final RejectedExecutionException ex)
            {
                write(ctx, AgentResponse.error(503, "the agent is shutting down"), false);
            }
        }

        private CompletableFuture<AgentResponse> serve(final AgentRequest request)
        {
            try
            {
                return handler.handleLater(request);
            }
            catch (final Exception ex)
            {
                return CompletableFuture.completedFuture(failed(ex));
            }
        }

        private static AgentResponse failed(final Throwable failure)
        {
            final Throwable cause = failure instanceof java.util.concurrent.CompletionException &&
                failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof AgentException)
            {
                return AgentResponse.error(((AgentException)cause).status(), cause.getMessage());
            }
            if (cause instanceof BadInputException)
            {
                return AgentResponse.error(400, cause.getMessage());
            }
            return AgentResponse.error(500, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }

        private boolean authorised(final FullHttpRequest request)
        {
            if (expectedAuthorization == null)
            {
                return true;
            }
            final String given = request.headers().get(HttpHeaderNames.AUTHORIZATION);
            return given != null && MessageDigest.isEqual(expectedAuthorization, given.getBytes(StandardCharsets.UTF_8));
        }

        private static void write(final ChannelHandlerContext ctx, final AgentResponse response, final boolean keepAlive)
        {
            final FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.body()));
            http.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
            http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
            if (keepAlive)
            {
                http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                ctx.writeAndFlush(http);
            }
            else
            {
                http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            ctx.close();
        }
    }
}
