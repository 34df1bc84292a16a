using Cloudnet.Ipam.Cloud;
using Cloudnet.Testing.Contracts;
using Cloudnet.Testing.Fakes;
using Xunit.Abstractions;

namespace Cloudnet.Ipamd.Tests.Contracts;

/// <summary>The provider contract against the stateful fake the daemon's tests use, so the fake
/// behaves like the real providers where the daemon depends on it.</summary>
public sealed class FakeCloudProviderContractTests(ITestOutputHelper output) : CloudProviderContractTests(output)
{
    protected override Task<ICloudProvider> CreateProviderAsync() => Task.FromResult<ICloudProvider>(new FakeCloudProvider());
}
