using Cloudnet.Emulator;
using Cloudnet.Ipam.Cloud;
using Cloudnet.Testing.Contracts;
using Xunit.Abstractions;

namespace Cloudnet.Providers.Aws.Tests.Contracts;

/// <summary>The provider contract: <see cref="Ec2CloudProvider"/> against the in-process emulator, secondary-IP mode.</summary>
public class Ec2EmulatorContractTests(ITestOutputHelper output) : CloudProviderContractTests(output), IDisposable
{
    private EmulatorHandle? _emulator;
    private Ec2CloudProvider? _provider;

    /// <summary>Extra provider settings of a derived run.</summary>
    protected virtual void Configure(AwsProviderOptions options)
    {
    }

    protected override async Task<ICloudProvider> CreateProviderAsync()
    {
        _emulator = await AwsTestProvider.StartEmulatorAsync();
        _provider = AwsTestProvider.Create(_emulator, Configure);
        return _provider;
    }

    public void Dispose()
    {
        _provider?.Dispose();
        GC.SuppressFinalize(this);
    }

    protected override async Task DisposeProviderAsync()
    {
        _provider?.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }
}
