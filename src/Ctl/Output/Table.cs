using System.Text;

namespace Cloudnet.Ctl.Output;

/// <summary>A plain text table with left-aligned, space-padded columns.</summary>
public sealed class Table(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Adds a row; missing cells print as empty.</summary>
    public Table Add(params string?[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        _rows.Add([.. Enumerable.Range(0, headers.Length).Select(i => i < cells.Length ? cells[i] ?? "-" : "")]);
        return this;
    }

    /// <summary>Number of data rows.</summary>
    public int Count => _rows.Count;

    /// <inheritdoc />
    public override string ToString()
    {
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        foreach (var row in _rows.Prepend(headers))
        {
            text.AppendJoin("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).Append('\n');
        }

        return text.ToString();
    }
}
