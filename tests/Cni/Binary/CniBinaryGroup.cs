namespace Cloudnet.Cni.Tests.Binary;

/// <summary>Tests of the published binary run one class at a time: each starts a daemon and many namespaces, on 2 cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CniBinaryGroup
{
    public const string Name = "cni-binary";
}
