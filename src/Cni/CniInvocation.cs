namespace Cloudnet.Cni;

/// <summary>One execution of the binary as the runtime made it: the CNI_* variables and stdin.</summary>
/// <param name="Environment">The CNI_* variables that were set (absent keys are unset).</param>
/// <param name="Stdin">The bytes on standard input (the configuration).</param>
public sealed record CniInvocation(IReadOnlyDictionary<string, string> Environment, ReadOnlyMemory<byte> Stdin)
{
    /// <summary>The value of a variable, or null when unset.</summary>
    public string? Get(string name) => Environment.TryGetValue(name, out var v) ? v : null;
}
