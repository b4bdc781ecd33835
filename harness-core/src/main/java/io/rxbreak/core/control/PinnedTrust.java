package io.rxbreak.core.control;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A client's trust in exactly one server certificate, named by its {@link TlsFingerprint}: the certificate the server
 * presents first must have that SHA-256, whoever signed it and whatever host name it names. A pinned key is the
 * identity (an agent's self-signed certificate names no host), so neither the chain nor the host name is checked;
 * as an {@link X509ExtendedTrustManager} it also keeps the JDK from checking the host name on top.
 */
public final class PinnedTrust extends X509ExtendedTrustManager
{
    private final String fingerprint;
    private final byte[] pinned;

    /**
     * @param fingerprint the server certificate's fingerprint, like {@code sha256:AB:CD:...}.
     * @throws IllegalArgumentException when it is not a fingerprint.
     */
    public PinnedTrust(final String fingerprint)
    {
        this.pinned = TlsFingerprint.parse(fingerprint);
        this.fingerprint = fingerprint;
    }

    /**
     * @param fingerprint the server certificate's fingerprint, like {@code sha256:AB:CD:...}.
     * @return a TLS context that trusts only that certificate.
     * @throws IllegalArgumentException when it is not a fingerprint.
     */
    public static SSLContext sslContext(final String fingerprint)
    {
        final PinnedTrust trust = new PinnedTrust(fingerprint);
        try
        {
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return context;
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("this JVM has no TLS: " + ex.getMessage(), ex);
        }
    }

    private void check(final X509Certificate[] chain) throws CertificateException
    {
        if (chain == null || chain.length == 0)
        {
            throw new CertificateException("the server presented no certificate");
        }
        if (!TlsFingerprint.matches(chain[0].getEncoded(), pinned))
        {
            throw new Mismatch(TlsFingerprint.of(chain[0]), fingerprint);
        }
    }

    @Override
    public void checkServerTrusted(final X509Certificate[] chain, final String authType) throws CertificateException
    {
        check(chain);
    }

    @Override
    public void checkServerTrusted(final X509Certificate[] chain, final String authType, final Socket socket)
        throws CertificateException
    {
        check(chain);
    }

    @Override
    public void checkServerTrusted(final X509Certificate[] chain, final String authType, final SSLEngine engine)
        throws CertificateException
    {
        check(chain);
    }

    @Override
    public void checkClientTrusted(final X509Certificate[] chain, final String authType) throws CertificateException
    {
        throw new CertificateException("a pinned server certificate does not authenticate clients");
    }

    @Override
    public void checkClientTrusted(final X509Certificate[] chain, final String authType, final Socket socket)
        throws CertificateException
    {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(final X509Certificate[] chain, final String authType, final SSLEngine engine)
        throws CertificateException
    {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers()
    {
        return new X509Certificate[0];
    }

    /**
     * A server whose certificate is not the one pinned: what it presented and what was pinned.
     */
    public static final class Mismatch extends CertificateException
    {
        private static final long serialVersionUID = 1L;

        private final String seen;
        private final String expected;

        Mismatch(final String seen, final String expected)
        {
            super("the server presented TLS certificate " + seen + ", not the pinned " + expected);
            this.seen = seen;
            this.expected = expected;
        }

        /**
         * @return the fingerprint of the certificate the server presented.
         */
        public String seen()
        {
            return seen;
        }

        /**
         * @return the pinned fingerprint.
         */
        public String pinned()
        {
            return expected;
        }
    }
}
