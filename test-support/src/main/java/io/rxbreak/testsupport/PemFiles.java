package io.rxbreak.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * PEM files as openssl writes them, for tests that hand an agent its TLS certificate and key: the DER bytes in
 * base64, 64 characters a line, between {@code -----BEGIN TYPE-----} and {@code -----END TYPE-----}.
 */
public final class PemFiles
{
    private PemFiles()
    {
    }

    /**
     * @param file where to write.
     * @param type like {@code CERTIFICATE}, {@code PRIVATE KEY} (PKCS#8) or {@code EC PRIVATE KEY} (SEC1).
     * @param der what to encode.
     * @return the file.
     */
    public static Path write(final Path file, final String type, final byte[] der)
    {
        try
        {
            return Files.writeString(file, "-----BEGIN " + type + "-----\n" +
                Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n",
                StandardCharsets.US_ASCII);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
