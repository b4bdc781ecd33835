package io.rxbreak.core.control;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Locale;

/**
 * The fingerprint an agent prints for its TLS certificate and a controller pins: {@code sha256:} and the SHA-256 of
 * the certificate's DER encoding, upper-case hex bytes separated by colons ({@code sha256:AB:CD:...:EF}, as
 * {@code openssl x509 -fingerprint -sha256} and {@code keytool -list} show it). Written and read here only.
 */
public final class TlsFingerprint
{
    /** What every fingerprint starts with: the digest it is. */
    public static final String PREFIX = "sha256:";

    private static final int DIGEST_BYTES = 32;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private TlsFingerprint()
    {
    }

    /**
     * @param certificate a certificate.
     * @return its fingerprint, like {@code sha256:AB:CD:...}.
     */
    public static String of(final X509Certificate certificate)
    {
        try
        {
            return of(certificate.getEncoded());
        }
        catch (final CertificateEncodingException ex)
        {
            throw new IllegalStateException("a certificate that cannot be encoded: " + ex.getMessage(), ex);
        }
    }

    /**
     * @param der a certificate's DER encoding.
     * @return its fingerprint, like {@code sha256:AB:CD:...}.
     */
    public static String of(final byte[] der)
    {
        final byte[] digest = sha256(der);
        final StringBuilder text = new StringBuilder(PREFIX.length() + digest.length * 3);
        text.append(PREFIX);
        for (int i = 0; i < digest.length; i++)
        {
            if (i > 0)
            {
                text.append(':');
            }
            text.append(HEX[(digest[i] >> 4) & 0xF]).append(HEX[digest[i] & 0xF]);
        }
        return text.toString();
    }

    /**
     * @param text a fingerprint as {@link #of} writes it (hex digits of either case).
     * @return its 32 digest bytes.
     * @throws IllegalArgumentException saying what a fingerprint looks like.
     */
    public static byte[] parse(final String text)
    {
        final String wrong = "'" + text + "' is not a TLS certificate fingerprint: expected " + PREFIX +
            " and 32 hex bytes separated by colons, as the agent prints it";
        if (text == null || !text.toLowerCase(Locale.ROOT).startsWith(PREFIX))
        {
            throw new IllegalArgumentException(wrong);
        }
        final String[] pairs = text.substring(PREFIX.length()).split(":", -1);
        if (pairs.length != DIGEST_BYTES)
        {
            throw new IllegalArgumentException(wrong);
        }
        final byte[] digest = new byte[DIGEST_BYTES];
        for (int i = 0; i < DIGEST_BYTES; i++)
        {
            final String pair = pairs[i];
            final int high = pair.length() == 2 ? Character.digit(pair.charAt(0), 16) : -1;
            final int low = pair.length() == 2 ? Character.digit(pair.charAt(1), 16) : -1;
            if (high < 0 || low < 0)
            {
                throw new IllegalArgumentException(wrong);
            }
            digest[i] = (byte)(high << 4 | low);
        }
        return digest;
    }

    /**
     * @param der a certificate's DER encoding.
     * @param pinned the digest bytes of a fingerprint ({@link #parse}).
     * @return whether that certificate is the one pinned.
     */
    static boolean matches(final byte[] der, final byte[] pinned)
    {
        return MessageDigest.isEqual(sha256(der), pinned);
    }

    private static byte[] sha256(final byte[] bytes)
    {
        try
        {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("this JVM has no SHA-256", ex);
        }
    }
}
