namespace Cloudnet.Providers.BareMetal.Bgp;

/// <summary>One line of a BIRD control-socket reply: its 4-digit code and text.</summary>
/// <param name="Code">0xxx success, 1xxx table row, 2xxx table heading, 8xxx runtime error, 9xxx parse error.</param>
/// <param name="Text">The text after the code and separator.</param>
public readonly record struct BirdReplyLine(int Code, string Text);

/// <summary>A complete reply to one command.</summary>
public sealed record BirdReply(IReadOnlyList<BirdReplyLine> Lines)
{
    /// <summary>The code of the final line.</summary>
    public int Code => Lines.Count > 0 ? Lines[^1].Code : 0;

    /// <summary>True when any line is an error (8xxx runtime, 9xxx parse).</summary>
    public bool IsError => Lines.Any(l => l.Code >= 8000);

    /// <summary>All lines' text, for messages.</summary>
    public string Text => string.Join(" | ", Lines.Select(l => l.Text.Trim()).Where(t => t.Length > 0));
}
