namespace Cloudnet.Providers.Aws.Tests.EndToEnd;

/// <summary>End-to-end tests run one at a time: each drives a whole node (daemon, emulator, pods).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndGroup
{
    public const string Name = "aws-end-to-end";
}
