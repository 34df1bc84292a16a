using System.Net;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Cloud;
using Cloudnet.Ipam.Pool;

namespace Cloudnet.Ipamd.Metrics;

/// <summary>Counts every provider call and failure by operation; otherwise passes through.</summary>
public sealed class InstrumentedCloudProvider(ICloudProvider inner, DaemonMetrics metrics) : ICloudProvider
{
    /// <inheritdoc />
    public string Name => inner.Name;

    /// <summary>The wrapped provider.</summary>
    public ICloudProvider Inner => inner;

    /// <inheritdoc />
    public Task<NodeDescription> DescribeAsync(CancellationToken cancellationToken) =>
        CallAsync("Describe", () => inner.DescribeAsync(cancellationToken));

    /// <inheritdoc />
    public Task<PoolInterface> CreateInterfaceAsync(CancellationToken cancellationToken) =>
        CallAsync("CreateInterface", () => inner.CreateInterfaceAsync(cancellationToken));

    /// <inheritdoc />
    public Task<PoolInterface> CreateInterfaceAsync(InterfaceFill fill, CancellationToken cancellationToken) =>
        CallAsync("CreateInterface", () => inner.CreateInterfaceAsync(fill, cancellationToken));

    /// <inheritdoc />
    public Task<IReadOnlyList<IPAddress>> AssignAddressesAsync(string interfaceId, int count, CancellationToken cancellationToken) =>
        CallAsync("AssignAddresses", () => inner.AssignAddressesAsync(interfaceId, count, cancellationToken));

    /// <inheritdoc />
    public Task<IReadOnlyList<Cidr>> AssignPrefixesAsync(string interfaceId, int count, CancellationToken cancellationToken) =>
        CallAsync("AssignPrefixes", () => inner.AssignPrefixesAsync(interfaceId, count, cancellationToken));

    /// <inheritdoc />
    public Task ReleaseAddressesAsync(string interfaceId, IReadOnlyList<IPAddress> addresses, CancellationToken cancellationToken) =>
        CallAsync("ReleaseAddresses", async () =>
        {
            await inner.ReleaseAddressesAsync(interfaceId, addresses, cancellationToken).ConfigureAwait(false);
            return true;
        });

    /// <inheritdoc />
    public Task ReleasePrefixesAsync(string interfaceId, IReadOnlyList<Cidr> prefixes, CancellationToken cancellationToken) =>
        CallAsync("ReleasePrefixes", async () =>
        {
            await inner.ReleasePrefixesAsync(interfaceId, prefixes, cancellationToken).ConfigureAwait(false);
            return true;
        });

    /// <inheritdoc />
    public Task DeleteInterfaceAsync(string interfaceId, CancellationToken cancellationToken) =>
        CallAsync("DeleteInterface", async () =>
        {
            await inner.DeleteInterfaceAsync(interfaceId, cancellationToken).ConfigureAwait(false);
            return true;
        });

    private async Task<T> CallAsync<T>(string operation, Func<Task<T>> call)
    {
        metrics.ProviderCalls.WithLabels(inner.Name, operation).Inc();
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (CloudProviderException ex)
        {
            metrics.ProviderErrors.WithLabels(inner.Name, operation, ex.Kind.ToString()).Inc();
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            metrics.ProviderErrors.WithLabels(inner.Name, operation, "Unexpected").Inc();
            throw;
        }
    }
}
