namespace Cloudnet.Ipamd.Tests.Deploy;

/// <summary>A theory over rendered overlays; skipped with the reason printed when kubectl is not on PATH.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class KustomizeTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when kubectl is missing.</summary>
    public KustomizeTheoryAttribute()
    {
        Skip = Kustomize.SkipReason;
    }
}
