using Xunit;

namespace Cloudnet.Testing;

/// <summary>A theory that needs root; skipped with the reason printed elsewhere.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RootTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the process is not root.</summary>
    public RootTheoryAttribute()
    {
        if (!Privileges.IsRoot)
        {
            Skip = Privileges.NotRootReason;
        }
    }
}
