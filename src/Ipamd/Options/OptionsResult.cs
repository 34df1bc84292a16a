namespace Cloudnet.Ipamd.Options;

/// <summary>Options as read, and every problem found ("VARIABLE: what is wrong").</summary>
public sealed record OptionsResult(DaemonOptions Options, IReadOnlyList<string> Errors)
{
    /// <summary>True when the daemon may start.</summary>
    public bool IsValid => Errors.Count == 0;
}
