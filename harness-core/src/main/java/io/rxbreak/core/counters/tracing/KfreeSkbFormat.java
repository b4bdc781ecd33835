package io.rxbreak.core.counters.tracing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code events/skb/kfree_skb/format} says: the event's id, where its fields lie in a record, and the names of
 * the drop reasons, read from the print format's {@code __print_symbolic(REC->reason, { 2, "NOT_SPECIFIED" }, ...)}.
 * The numbers behind the names change between kernels, and the {@code reason} field exists only since 5.17: nothing
 * here is hard-coded.
 *
 * @param id the event id ({@code common_type} of its records).
 * @param typeOffset offset of {@code common_type} (u16).
 * @param protocolOffset offset of {@code protocol} (u16, host order: 2048 IPv4, 34525 IPv6).
 * @param reasonOffset offset of {@code reason} (u32).
 * @param locationOffset offset of {@code location} (the freeing code's address, 8 bytes).
 * @param reasonNames reason number to name.
 */
public record KfreeSkbFormat(int id, int typeOffset, int protocolOffset, int reasonOffset, int locationOffset,
    Map<Integer, String> reasonNames)
{
    /** {@code skb->protocol} of IPv4 as the event prints it. */
    public static final int ETH_P_IP = 0x0800;
    /** {@code skb->protocol} of IPv6 as the event prints it. */
    public static final int ETH_P_IPV6 = 0x86DD;

    private static final Pattern FIELD =
        Pattern.compile("field:([^;]*?)\\s*(\\w+);\\s*offset:(\\d+);\\s*size:(\\d+);");
    private static final Pattern ID = Pattern.compile("(?m)^ID:\\s*(\\d+)");
    private static final Pattern SYMBOL = Pattern.compile("\\{\\s*(\\d+),\\s*\"([A-Za-z0-9_]+)\"\\s*}");
    private static final String SYMBOLIC = "__print_symbolic(REC->reason,";

    public KfreeSkbFormat
    {
        reasonNames = Collections.unmodifiableMap(new LinkedHashMap<>(reasonNames));
    }

    /**
     * @param text the format file's text.
     * @return what it says.
     * @throws IllegalStateException saying why drop reasons cannot be counted with it (no reason field: before
     *     5.17; a field of an unexpected size).
     */
    public static KfreeSkbFormat parse(final String text)
    {
        final Matcher id = ID.matcher(text);
        if (!id.find())
        {
            throw new IllegalStateException("the kfree_skb format file has no ID line");
        }
        final Map<String, int[]> fields = new LinkedHashMap<>();
        final Matcher field = FIELD.matcher(text);
        while (field.find())
        {
            fields.put(field.group(2), new int[] {Integer.parseInt(field.group(3)), Integer.parseInt(field.group(4))});
        }
        if (!fields.containsKey("reason"))
        {
            throw new IllegalStateException("skb:kfree_skb has no reason field on this kernel (added in Linux 5.17)");
        }
        final int type = offset(fields, "common_type", 2);
        final int protocol = offset(fields, "protocol", 2);
        final int reason = offset(fields, "reason", 4);
        final int location = offset(fields, "location", 8);
        final Map<Integer, String> names = new LinkedHashMap<>();
        final int symbolic = text.indexOf(SYMBOLIC);
        if (symbolic >= 0)
        {
            final Matcher symbol = SYMBOL.matcher(text);
            symbol.region(symbolic + SYMBOLIC.length(), text.length());
            while (symbol.find())
            {
                names.put(Integer.parseInt(symbol.group(1)), symbol.group(2));
            }
        }
        return new KfreeSkbFormat(Integer.parseInt(id.group(1)), type, protocol, reason, location, names);
    }

    /**
     * @param reason a reason number from a record.
     * @return its name, or {@code reason N} when the format names none.
     */
    public String name(final int reason)
    {
        final String name = reasonNames.get(reason);
        return name == null ? "reason " + Integer.toUnsignedString(reason) : name;
    }

    /**
     * @return the record size the fields need.
     */
    public int minimumRecordBytes()
    {
        return Math.max(Math.max(protocolOffset + 2, reasonOffset + 4), locationOffset + 8);
    }

    private static int offset(final Map<String, int[]> fields, final String name, final int size)
    {
        final int[] field = fields.get(name);
        if (field == null)
        {
            throw new IllegalStateException("skb:kfree_skb has no " + name + " field on this kernel");
        }
        if (field[1] != size)
        {
            throw new IllegalStateException("skb:kfree_skb's " + name + " field has " + field[1] + " bytes, expected " +
                size);
        }
        return field[0];
    }
}
