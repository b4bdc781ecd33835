package io.rxbreak.core.counters.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A text table with aligned columns: text left-aligned, numbers right-aligned.
 */
final class Table
{
    private final List<String[]> rows = new ArrayList<>();
    private final String indent;
    private final String alignment;

    /**
     * @param indent printed before each row.
     * @param alignment one letter per column, {@code L} left or {@code R} right; null: the first column left,
     *     the others right.
     * @param header the column names.
     */
    private Table(final String indent, final String alignment, final String[] header)
    {
        this.indent = indent;
        this.alignment = alignment;
        rows.add(header);
    }

    Table(final String indent, final String... header)
    {
        this(indent, null, header);
    }

    static Table aligned(final String indent, final String alignment, final String... header)
    {
        return new Table(indent, alignment, header);
    }

    Table row(final String... cells)
    {
        rows.add(cells);
        return this;
    }

    int size()
    {
        return rows.size() - 1;
    }

    void print(final PrintWriter out)
    {
        final int columns = rows.get(0).length;
        final int[] widths = new int[columns];
        for (final String[] row : rows)
        {
            for (int i = 0; i < columns && i < row.length; i++)
            {
                widths[i] = Math.max(widths[i], visibleLength(row[i]));
            }
        }
        for (final String[] row : rows)
        {
            final StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < columns && i < row.length; i++)
            {
                final String cell = row[i] == null ? "" : row[i];
                final int pad = widths[i] - visibleLength(cell);
                line.append(i > 0 ? "  " : "");
                if (leftAligned(i))
                {
                    line.append(cell).append(" ".repeat(pad));
                }
                else
                {
                    line.append(" ".repeat(pad)).append(cell);
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private boolean leftAligned(final int column)
    {
        return alignment == null ? column == 0 : alignment.charAt(column) == 'L';
    }

    private static int visibleLength(final String text)
    {
        return text == null ? 0 : text.replaceAll("\u001B\\[[0-9;]*m", "").length();
    }
}
