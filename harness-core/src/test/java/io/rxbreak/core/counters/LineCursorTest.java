package io.rxbreak.core.counters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * The cursor every counter parser reads with. Its inputs are exactly as long as the text (the last line without a
 * newline, lines shorter than the 8 bytes it scans at once), so a read past a line's or the file's end shows as
 * an error here instead of landing on a newline by luck.
 */
class LineCursorTest
{
    private static LineCursor cursor(final String text)
    {
        final byte[] data = text.getBytes(StandardCharsets.US_ASCII);
        return new LineCursor(data, data.length, "file");
    }

    @Test
    void splitsShortLinesAndALastLineWithoutNewline()
    {
        final LineCursor cursor = cursor("a 1\nbb 22\n7");
        assertThat(cursor.nextLine()).isTrue();
        assertThat(cursor.token(' ', "a name")).isEqualTo("a");
        assertThat(cursor.decimal("a value")).isEqualTo(1);
        assertThat(cursor.atLineEnd()).isTrue();
        assertThat(cursor.nextLine()).isTrue();
        assertThat(cursor.token(' ', "a name")).isEqualTo("bb");
        assertThat(cursor.decimal("a value")).isEqualTo(22);
        assertThat(cursor.nextLine()).isTrue();
        assertThat(cursor.decimal("the last value")).isEqualTo(7);
        assertThat(cursor.atLineEnd()).isTrue();
        assertThat(cursor.nextLine()).isFalse();
    }

    @Test
    void findsTheNewlineInEveryByteOfAWord()
    {
        for (int at = 0; at < 20; at++)
        {
            final String first = "x".repeat(at + 1);
            final LineCursor cursor = cursor(first + "\nnext");
            assertThat(cursor.nextLine()).isTrue();
            assertThat(cursor.token(' ', "the first line")).as("newline at %d", at + 1).isEqualTo(first);
            assertThat(cursor.nextLine()).isTrue();
            assertThat(cursor.token(' ', "the second line")).isEqualTo("next");
        }
    }

    @Test
    void skipsBlankLinesOfSpacesTabsAndCarriageReturns()
    {
        final LineCursor cursor = cursor("\n  \t\r\nvalue 5\n\n   \n");
        assertThat(cursor.nextLine()).isTrue();
        assertThat(cursor.token(' ', "a name")).isEqualTo("value");
        assertThat(cursor.nextLine()).isFalse();
        assertThat(cursor("   \n\t").nextLine()).as("only blank lines").isFalse();
    }

    @Test
    void trailingSpacesAtTheEndOfTheFileAreTheLineEnd()
    {
        final LineCursor cursor = cursor("9   ");
        assertThat(cursor.nextLine()).isTrue();
        assertThat(cursor.decimal("a value")).isEqualTo(9);
        assertThat(cursor.atLineEnd()).isTrue();
        assertThat(cursor.position()).isEqualTo(4);
    }

    @Test
    void peekGivesTheByteAtThePositionAndZeroAtTheLineEnd()
    {
        final LineCursor cursor = cursor("ab\ncd");
        cursor.nextLine();
        assertThat(cursor.peek()).isEqualTo((byte)'a');
        cursor.position(1);
        assertThat(cursor.peek()).isEqualTo((byte)'b');
        cursor.position(2);
        assertThat(cursor.peek()).as("the newline is not part of the line").isZero();
        cursor.nextLine();
        cursor.position(5);
        assertThat(cursor.peek()).as("the end of the file").isZero();
    }

    @Test
    void expectSkipsSpacesBeforeTheCharacterAndFailsAtTheEnd()
    {
        final LineCursor cursor = cursor("Udp  : 3 :");
        cursor.nextLine();
        assertThat(cursor.token(':', "a section")).isEqualTo("Udp");
        cursor.expect(':', "after the section");
        assertThat(cursor.decimal("a value")).isEqualTo(3);
        cursor.expect(':', "after the value");
        assertThatThrownBy(() -> cursor.expect(':', "once more"))
            .isInstanceOf(MalformedCounterException.class)
            .hasMessageContaining("file:1: expected ':' once more, found end of line");
        final LineCursor other = cursor("a b");
        other.nextLine();
        other.token(' ', "a");
        assertThatThrownBy(() -> other.expect(':', "after a"))
            .isInstanceOf(MalformedCounterException.class)
            .hasMessageContaining("file:1: expected ':' after a, found 'b'");
    }

    @Test
    void hexTakesUpTo16DigitsAndStopsAtTheLineEnd()
    {
        final LineCursor cursor = cursor("ffffffffffffffff 0a:1F\nx");
        cursor.nextLine();
        assertThat(cursor.hex("a u64")).isEqualTo(-1L);
        assertThat(cursor.hex("a byte")).isEqualTo(10);
        cursor.expect(':', "between");
        assertThat(cursor.hex("the last")).isEqualTo(0x1f);
        final LineCursor last = cursor("1 abc");
        last.nextLine();
        assertThat(last.hex("one")).isEqualTo(1);
        assertThat(last.hex("the last, at the end of the file")).isEqualTo(0xabc);
        final LineCursor tooLong = cursor("10000000000000000");
        tooLong.nextLine();
        assertThatThrownBy(() -> tooLong.hex("a counter"))
            .isInstanceOf(MalformedCounterException.class)
            .hasMessageContaining("expected a counter as hexadecimal digits");
        final LineCursor none = cursor("1 ");
        none.nextLine();
        none.hex("one");
        assertThatThrownBy(() -> none.hex("another"))
            .isInstanceOf(MalformedCounterException.class)
            .hasMessageContaining("expected another as hexadecimal digits, found end of line");
    }

    @Test
    void hexDigitsTakesExactlyTheCountAndFailsShortAtTheEnd()
    {
        final LineCursor cursor = cursor("0100007F:1F90");
        cursor.nextLine();
        assertThat(cursor.hexDigits(8, "an address")).isEqualTo(0x0100007FL);
        cursor.expect(':', "before the port");
        assertThat(cursor.hexDigits(4, "a port")).isEqualTo(8080);
        final LineCursor shortOne = cursor("1F9");
        shortOne.nextLine();
        assertThatThrownBy(() -> shortOne.hexDigits(4, "a port"))
            .isInstanceOf(MalformedCounterException.class)
            .hasMessageContaining("expected a port as 4 hexadecimal digits");
    }

    @Test
    void decimalReadsNegativesAndTheWholeU64RangeAndNoMore()
    {
        final LineCursor cursor = cursor("-12 18446744073709551615 1234567890123456789 7:");
        cursor.nextLine();
        assertThat(cursor.decimal("a")).isEqualTo(-12);
        assertThat(Long.toUnsignedString(cursor.decimal("b"))).isEqualTo("18446744073709551615");
        assertThat(cursor.decimal("c")).isEqualTo(1_234_567_890_123_456_789L);
        assertThat(cursor.decimal("d")).as("a colon ends a number").isEqualTo(7);
        for (final String tooLarge : new String[] {"18446744073709551616", "18446744073709551620",
            "99999999999999999999", "184467440737095516150"})
        {
            final LineCursor over = cursor(tooLarge);
            over.nextLine();
            assertThatThrownBy(() -> over.decimal("drops")).as(tooLarge)
                .isInstanceOf(MalformedCounterException.class)
                .hasMessageContaining("expected drops as a decimal number that fits 64 bits");
        }
        final LineCursor last = cursor("5 -");
        last.nextLine();
        assertThat(last.decimal("five")).isEqualTo(5);
        assertThatThrownBy(() -> last.decimal("a sign alone"))
            .isInstanceOf(MalformedCounterException.class)
            .hasMessageContaining("expected a sign alone as a decimal number");
        final LineCursor atEnd = cursor("7 ");
        atEnd.nextLine();
        assertThat(atEnd.decimal("seven")).isEqualTo(7);
        assertThatThrownBy(() -> atEnd.decimal("one more"))
            .isInstanceOf(MalformedCounterException.class)
            .hasMessageContaining("expected one more as a decimal number, found end of line");
        final LineCursor glued = cursor("12ab");
        glued.nextLine();
        assertThatThrownBy(() -> glued.decimal("inode"))
            .isInstanceOf(MalformedCounterException.class)
            .hasMessageContaining("file:1: expected inode as a decimal number, found 'ab'");
    }

    @Test
    void skipTokenSkipsOneWordAndFailsWhenNoneIsLeft()
    {
        final LineCursor cursor = cursor("0000000012345678 42\nnext");
        cursor.nextLine();
        cursor.skipToken("pointer");
        assertThat(cursor.decimal("drops")).isEqualTo(42);
        assertThatThrownBy(() -> cursor.skipToken("one more"))
            .isInstanceOf(MalformedCounterException.class)
            .hasMessageContaining("expected one more, found end of line");
        final LineCursor last = cursor("1 ffff");
        last.nextLine();
        last.skipToken("first");
        last.skipToken("the last, at the end of the file");
        assertThat(last.atLineEnd()).isTrue();
    }

    @Test
    void lineIndentedTellsALeadingSpaceAndSkipsIt()
    {
        final LineCursor cursor = cursor("  eth0 3\nlo 4");
        cursor.nextLine();
        cursor.token(' ', "a name");
        assertThat(cursor.lineIndented()).isTrue();
        assertThat(cursor.token(' ', "a name")).as("back at the line's start").isEqualTo("eth0");
        cursor.nextLine();
        assertThat(cursor.lineIndented()).isFalse();
        assertThat(cursor.token(' ', "a name")).isEqualTo("lo");
    }

    @Test
    void lineStartsWithIgnoresLeadingSpacesAndNeedsTheWholePrefix()
    {
        final LineCursor cursor = cursor("   sl  local\nsl\nNET_RX");
        cursor.nextLine();
        assertThat(cursor.lineStartsWith("sl")).isTrue();
        assertThat(cursor.lineStartsWith("sl  local")).isTrue();
        assertThat(cursor.lineStartsWith("sl  locals")).isFalse();
        assertThat(cursor.lineStartsWith("local")).isFalse();
        cursor.nextLine();
        assertThat(cursor.lineStartsWith("sl")).as("a line exactly the prefix").isTrue();
        assertThat(cursor.lineStartsWith("sl ")).isFalse();
        cursor.nextLine();
        assertThat(cursor.lineStartsWith("NET_RX:")).isFalse();
        assertThat(cursor.lineStartsWith("NET_RX")).isTrue();
    }

    @Test
    void aFailureShowsAtMost60CharactersOfTheRestOfTheLine()
    {
        final String rest = "y".repeat(100);
        final LineCursor cursor = cursor("1\n2 " + rest);
        cursor.nextLine();
        cursor.nextLine();
        cursor.decimal("two");
        cursor.skipSpaces();
        final MalformedCounterException failure = cursor.fail("expected the end");
        assertThat(failure.lineNumber()).isEqualTo(2);
        assertThat(failure).hasMessageContaining("file:2: expected the end, found '" + "y".repeat(60) + "'")
            .hasMessageNotContaining("y".repeat(61));
        assertThat(cursor.failWhole("expected rows").lineNumber()).isZero();
    }
}
