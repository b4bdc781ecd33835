package io.rxbreak.core.control;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.rxbreak.core.config.BadInputException;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The certificate and private key an agent serves TLS with: the user's, read from PEM files
 * ({@value AgentOptions#TLS_CERT}, {@value AgentOptions#TLS_KEY}), or one it generates at start (self-signed, an
 * EC P-256 key that never leaves the process), which a controller pins by its {@link #fingerprint()}. Built with
 * Bouncy Castle's certificate builder and PEM parser; the keys and signatures themselves are the JDK's.
 */
public final class AgentCertificate
{
    /** The subject (and issuer) of a generated certificate. */
    public static final String GENERATED_SUBJECT = "CN=rxbreak agent";

    private static final Duration GENERATED_VALIDITY = Duration.ofDays(3650);
    private static final Duration CLOCK_SKEW = Duration.ofDays(1);

    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;
    private final boolean generated;
    private final SslContext serverContext;

    private AgentCertificate(final PrivateKey privateKey, final List<X509Certificate> chain, final boolean generated)
        throws SSLException
    {
        this.privateKey = privateKey;
        this.chain = List.copyOf(chain);
        this.generated = generated;
        this.serverContext = SslContextBuilder.forServer(privateKey, chain)
            .protocols("TLSv1.3", "TLSv1.2")
            .build();
    }

    /**
     * @return a new self-signed certificate ({@value #GENERATED_SUBJECT}) with a new EC P-256 key, valid from a day
     *     ago (clocks differ) for ten years: a controller pins it, so its dates and names do not make it trusted.
     */
    public static AgentCertificate generate()
    {
        try
        {
            final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            final KeyPair keys = generator.generateKeyPair();
            final Instant now = Instant.now();
            final X500Name name = new X500Name(GENERATED_SUBJECT);
            final X509CertificateHolder holder = new JcaX509v3CertificateBuilder(name,
                new BigInteger(64, new SecureRandom()).add(BigInteger.ONE), Date.from(now.minus(CLOCK_SKEW)),
                Date.from(now.plus(GENERATED_VALIDITY)), name, keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
            return new AgentCertificate(keys.getPrivate(),
                List.of(new JcaX509CertificateConverter().getCertificate(holder)), true);
        }
        catch (final GeneralSecurityException | OperatorCreationException | IOException ex)
        {
            throw new IllegalStateException("could not generate the agent's TLS certificate: " + ex.getMessage(), ex);
        }
    }

    /**
     * @param certificateFile PEM: the server certificate, then any intermediate certificates.
     * @param keyFile PEM: its private key, unencrypted (PKCS#8, or PKCS#1 RSA, or SEC1 EC).
     * @return the user's certificate.
     * @throws BadInputException naming {@value AgentOptions#TLS_CERT} or {@value AgentOptions#TLS_KEY} when a file
     *     cannot be read, holds no certificate or no key, or the key is not the certificate's.
     */
    public static AgentCertificate read(final Path certificateFile, final Path keyFile)
    {
        final List<X509Certificate> chain = readCertificates(certificateFile);
        final PrivateKey key = readKey(keyFile);
        if (!isKeyOf(key, chain.get(0).getPublicKey()))
        {
            throw BadInputException.option(AgentOptions.TLS_KEY, keyFile + " is not the private key of the " +
                "certificate in " + certificateFile + " (" + AgentOptions.TLS_CERT + "): give the matching pair");
        }
        try
        {
            return new AgentCertificate(key, chain, false);
        }
        catch (final SSLException | IllegalArgumentException ex)
        {
            throw BadInputException.option(AgentOptions.TLS_CERT, "cannot serve TLS with " + certificateFile +
                " and " + keyFile + ": " + ex.getMessage());
        }
    }

    private static List<X509Certificate> readCertificates(final Path file)
    {
        final List<X509Certificate> chain = new ArrayList<>();
        for (final Object item : readPem(AgentOptions.TLS_CERT, file))
        {
            if (item instanceof X509CertificateHolder)
            {
                try
                {
                    chain.add(new JcaX509CertificateConverter().getCertificate((X509CertificateHolder)item));
                }
                catch (final CertificateException ex)
                {
                    throw BadInputException.option(AgentOptions.TLS_CERT, file + " holds a certificate this JVM " +
                        "cannot read: " + ex.getMessage());
                }
            }
        }
        if (chain.isEmpty())
        {
            throw BadInputException.option(AgentOptions.TLS_CERT, file + " holds no PEM certificate " +
                "(-----BEGIN CERTIFICATE-----)");
        }
        return chain;
    }

    private static PrivateKey readKey(final Path file)
    {
        for (final Object item : readPem(AgentOptions.TLS_KEY, file))
        {
            if (item instanceof PEMEncryptedKeyPair || item instanceof PKCS8EncryptedPrivateKeyInfo)
            {
                throw BadInputException.option(AgentOptions.TLS_KEY, file + " is encrypted: give the key " +
                    "unencrypted (openssl pkey -in KEY -out PLAIN.pem), readable by the agent only");
            }
            final PrivateKeyInfo info = item instanceof PEMKeyPair ? ((PEMKeyPair)item).getPrivateKeyInfo() :
                item instanceof PrivateKeyInfo ? (PrivateKeyInfo)item : null;
            if (info != null)
            {
                try
                {
                    return new JcaPEMKeyConverter().getPrivateKey(info);
                }
                catch (final IOException ex)
                {
                    throw BadInputException.option(AgentOptions.TLS_KEY, file + " holds a key this JVM cannot " +
                        "use: " + ex.getMessage());
                }
            }
        }
        throw BadInputException.option(AgentOptions.TLS_KEY, file + " holds no PEM private key " +
            "(-----BEGIN PRIVATE KEY-----)");
    }

    private static List<Object> readPem(final String option, final Path file)
    {
        final List<Object> items = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
            PEMParser parser = new PEMParser(reader))
        {
            Object item;
            while ((item = parser.readObject()) != null)
            {
                items.add(item);
            }
            return items;
        }
        catch (final IOException ex)
        {
            throw BadInputException.option(option, "cannot read " + file + " as PEM: " + describe(ex));
        }
    }

    private static String describe(final IOException ex)
    {
        final String message = ex.getMessage();
        return ex.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }

    /**
     * @return whether the private key signs what the public key verifies; true for a key type this cannot try
     *     (the TLS handshake then finds a mismatch).
     */
    private static boolean isKeyOf(final PrivateKey key, final PublicKey publicKey)
    {
        final String algorithm;
        switch (key.getAlgorithm())
        {
            case "RSA":
                algorithm = "SHA256withRSA";
                break;
            case "EC":
                algorithm = "SHA256withECDSA";
                break;
            case "EdDSA":
            case "Ed25519":
            case "Ed448":
                algorithm = "EdDSA";
                break;
            default:
                return true;
        }
        try
        {
            final byte[] probe = "rxbreak agent key check".getBytes(StandardCharsets.US_ASCII);
            final Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            final byte[] signature = signer.sign();
            final Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        }
        catch (final GeneralSecurityException ex)
        {
            // a key of another type than the certificate's
            return false;
        }
    }

    /**
     * @return the server certificate (the first of the chain).
     */
    public X509Certificate certificate()
    {
        return chain.get(0);
    }

    /**
     * @return the server certificate and any intermediates, as served.
     */
    public List<X509Certificate> chain()
    {
        return chain;
    }

    /**
     * @return the private key.
     */
    public PrivateKey privateKey()
    {
        return privateKey;
    }

    /**
     * @return the server certificate's fingerprint, like {@code sha256:AB:CD:...}, to pin.
     */
    public String fingerprint()
    {
        return TlsFingerprint.of(certificate());
    }

    /**
     * @return whether the agent generated it (rather than read the user's).
     */
    public boolean generated()
    {
        return generated;
    }

    SslContext serverContext()
    {
        return serverContext;
    }
}
