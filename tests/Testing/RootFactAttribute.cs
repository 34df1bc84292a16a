using Xunit;

namespace Cloudnet.Testing;

/// <summary>
/// A fact that needs root (network namespaces, veths, policy routing, nftables). Elsewhere it
/// is skipped with the reason printed; CI runs as root, so there it always runs.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RootFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the process is not root.</summary>
    public RootFactAttribute()
    {
        if (!Privileges.IsRoot)
        {
            Skip = Privileges.NotRootReason;
        }
    }
}
