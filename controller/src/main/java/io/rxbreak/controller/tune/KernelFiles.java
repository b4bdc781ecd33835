package io.rxbreak.controller.tune;

import java.io.IOException;
import java.util.List;

/**
 * The kernel's setting files ({@code /proc/sys}, {@code /sys/class/net}, {@code /proc/irq}) as one network namespace
 * sees them: the host's ({@link HostFiles}), or the sandbox's, read and written from inside it.
 */
public interface KernelFiles
{
    /**
     * @param file an absolute path.
     * @return whether it exists here.
     */
    boolean exists(String file);

    /**
     * @param file an absolute path.
     * @return whether it can be written here (a sysctl shown read-only in a namespace cannot).
     */
    boolean writable(String file);

    /**
     * @param directory an absolute path.
     * @return the names in it, sorted; empty when it does not exist.
     */
    List<String> list(String directory);

    /**
     * @param file an absolute path.
     * @return what it reads, trimmed.
     * @throws IOException when it cannot be read.
     */
    String read(String file) throws IOException;

    /**
     * One write(2) of the value and a newline (a {@code /proc/sys} file keeps only the first write).
     *
     * @param file an absolute path.
     * @param value the value.
     * @throws IOException when the kernel refuses it, with its reason.
     */
    void write(String file, String value) throws IOException;
}
