package io.rxbreak.core.counters.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Addresses resolve to the text symbol at or below them; data symbols and hidden (zero) addresses are ignored.
 */
class KernelSymbolsTest
{
    @Test
    void anAddressResolvesToTheFunctionHoldingIt(@TempDir final Path dir) throws IOException
    {
        final Path kallsyms = dir.resolve("kallsyms");
        Files.writeString(kallsyms, String.join("\n",
            "ffffffff81000000 T _stext",
            "ffffffff82046000 t __udp4_lib_rcv",
            "ffffffff82046100 d some_data",
            "ffffffff82047000 T udp_v4_early_demux",
            "ffffffffc0001000 t nft_do_chain\t[nf_tables]",
            "0000000000000000 T hidden",
            ""));
        final KernelSymbols symbols = new KernelSymbols(kallsyms);
        assertThat(symbols.function(0xffffffff82046f4cL)).isEqualTo("__udp4_lib_rcv");
        assertThat(symbols.function(0xffffffff82047000L)).isEqualTo("udp_v4_early_demux");
        assertThat(symbols.function(0xffffffffc0001010L)).isEqualTo("nft_do_chain");
        assertThat(symbols.function(0xffffffff80000000L)).isEqualTo(KernelSymbols.UNKNOWN);
    }
}
