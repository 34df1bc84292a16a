using Xunit.Abstractions;

namespace Cloudnet.Providers.Aws.Tests.Contracts;

/// <summary>The provider contract in prefix-delegation mode (the prefix tests run here).</summary>
public sealed class Ec2EmulatorPrefixContractTests(ITestOutputHelper output) : Ec2EmulatorContractTests(output)
{
    protected override void Configure(AwsProviderOptions options) => options.PrefixDelegation = true;
}
