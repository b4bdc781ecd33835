package io.rxbreak.controller.report.html;

/**
 * Escaping for text that comes from data (an interface name, a command line, a counter failure): every character
 * that could start markup or end an attribute is replaced, so data can never become HTML or SVG.
 */
public final class Html
{
    private Html()
    {
    }

    /**
     * @param text text from data, or null.
     * @return the text safe inside an element or a quoted attribute; null becomes the empty string. Control
     *         characters other than tab and newline are dropped (they are not allowed in HTML or XML).
     */
    public static String escape(final String text)
    {
        if (text == null)
        {
            return "";
        }
        final StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '&':
                    out.append("&amp;");
                    break;
                case '<':
                    out.append("&lt;");
                    break;
                case '>':
                    out.append("&gt;");
                    break;
                case '"':
                    out.append("&quot;");
                    break;
                case '\'':
                    out.append("&#39;");
                    break;
                default:
                    if (c >= 0x20 || c == '\t' || c == '\n')
                    {
                        out.append(c);
                    }
            }
        }
        return out.toString();
    }

    /**
     * Makes JSON safe inside {@code <script type="application/json">}: every {@code <}, {@code >} and {@code &}
     * (which JSON only holds inside strings) becomes its {@code \}{@code u} escape, so neither {@code </script>} nor
     * {@code <!--} can appear; the text still parses to the same value.
     *
     * @param json JSON text.
     * @return the same JSON value, safe to embed.
     */
    public static String scriptJson(final String json)
    {
        final StringBuilder out = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++)
        {
            final char c = json.charAt(i);
            switch (c)
            {
                case '<':
                    out.append("\\u003c");
                    break;
                case '>':
                    out.append("\\u003e");
                    break;
                case '&':
                    out.append("\\u0026");
                    break;
                case '\u2028':
                    out.append("\\u2028");
                    break;
                case '\u2029':
                    out.append("\\u2029");
                    break;
                default:
                    out.append(c);
            }
        }
        return out.toString();
    }
}
