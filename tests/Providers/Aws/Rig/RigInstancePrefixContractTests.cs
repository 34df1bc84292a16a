using Xunit.Abstractions;

namespace Cloudnet.Providers.Aws.Tests.Rig;

/// <summary>The same contract on the RunInstances instance, in prefix-delegation mode (/28 prefixes).</summary>
public sealed class RigInstancePrefixContractTests(ITestOutputHelper output) : RigInstanceContractTests(output)
{
    protected override void Configure(AwsProviderOptions options) => options.PrefixDelegation = true;
}
