package io.rxbreak.controller.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain text table with aligned columns: numbers right-aligned, text left-aligned, two spaces between columns,
 * no trailing spaces.
 */
public final class TextTable
{
    private final String[] headers;
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();

    /**
     * @param headers      the column titles.
     * @param rightAligned per column, true to right-align (numbers).
     */
    public TextTable(final String[] headers, final boolean[] rightAligned)
    {
        if (headers.length != rightAligned.length)
        {
            throw new IllegalArgumentException("headers and alignments differ in length");
        }
        this.headers = headers.clone();
        this.rightAligned = rightAligned.clone();
    }

    /**
     * @param cells one cell per column.
     * @return this table, for chaining.
     */
    public TextTable row(final String... cells)
    {
        if (cells.length != headers.length)
        {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table " + headers.length);
        }
        rows.add(cells.clone());
        return this;
    }

    /**
     * @param out    where the table goes: the header, then a line per row.
     * @param indent what each line starts with.
     */
    public void appendTo(final StringBuilder out, final String indent)
    {
        final int[] widths = new int[headers.length];
        for (int c = 0; c < headers.length; c++)
        {
            widths[c] = headers[c].length();
        }
        for (final String[] row : rows)
        {
            for (int c = 0; c < row.length; c++)
            {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        appendRow(out, indent, headers, widths);
        for (final String[] row : rows)
        {
            appendRow(out, indent, row, widths);
        }
    }

    private void appendRow(final StringBuilder out, final String indent, final String[] cells, final int[] widths)
    {
        final StringBuilder line = new StringBuilder(indent);
        for (int c = 0; c < cells.length; c++)
        {
            if (c > 0)
            {
                line.append("  ");
            }
            final int pad = widths[c] - cells[c].length();
            if (rightAligned[c])
            {
                line.append(" ".repeat(pad)).append(cells[c]);
            }
            else
            {
                line.append(cells[c]).append(" ".repeat(pad));
            }
        }
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ')
        {
            end--;
        }
        out.append(line, 0, end).append('\n');
    }
}
