package io.rxbreak.core.control;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
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
import io.rxbreak.core.config.BadInputException;

/**
 * The HTTP/JSON endpoint of a sender or receiver agent, on Netty's HTTP codec. It binds to 127.0.0.1 unless told
 * otherwise; bound anywhere else it requires a shared token ({@code Authorization: Bearer TOKEN}). Request bodies
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

    private AgentServer(
        final EventLoopGroup group, final ExecutorService worker, final Channel serverChannel)
    {
        this.group = group;
        this.worker = worker;
        this.serverChannel = serverChannel;
        this.boundAddress = (InetSocketAddress)serverChannel.localAddress();
    }

    /**
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
        if (!address.getAddress().isLoopbackAddress() && (token == null || token.isEmpty()))
        {
            throw BadInputException.option("--agent-token", "an agent bound to " +
                address.getAddress().getHostAddress() + " (not loopback) requires a shared token");
        }
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
                            .addLast(new HttpServerCodec())
                            .addLast(new HttpObjectAggregator(MAX_BODY_BYTES))
                            .addLast(new RequestHandler(handler, token, worker));
                    }
                })
                .bind(address).sync().channel();
            return new AgentServer(group, worker, channel);
        }
        catch (final RuntimeException | InterruptedException ex)
        {
            worker.shutdownNow();
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw ex;
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
     * @return the base URL of this agent, like {@code http://127.0.0.1:7070}.
     */
    public String url()
    {
        final String host = boundAddress.getAddress().getHostAddress();
        return "http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + boundAddress.getPort();
    }

    @Override
    public void close()
    {
        serverChannel.close().syncUninterruptibly();
        worker.shutdownNow();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
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
