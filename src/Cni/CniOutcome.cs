namespace Cloudnet.Cni;

/// <summary>What the process prints on stdout and its exit code.</summary>
/// <param name="ExitCode">0 on success, 1 on any CNI error.</param>
/// <param name="Stdout">The result or error JSON, or null for commands with no output.</param>
public sealed record CniOutcome(int ExitCode, string? Stdout)
{
    /// <summary>Success without output (DEL, CHECK, GC, STATUS).</summary>
    public static CniOutcome Silent { get; } = new(0, null);
}
