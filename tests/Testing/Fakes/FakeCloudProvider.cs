using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Cloud;
using Cloudnet.Ipam.Pool;

namespace Cloudnet.Testing.Fakes;

/// <summary>
/// A stateful fake cloud: it really hands out addresses and /28 prefixes from one subnet within
/// the node's limits, and answers with the errors a cloud gives (capacity, not found,
/// InsufficientCidrBlocks). Faults, delays and throttling can be injected
/// (<see cref="FailNext"/>, <see cref="SetErrorRate"/>, <see cref="SetDelay"/>, <see cref="SetThrottle"/>),
/// and every call is logged (<see cref="Calls"/>). Thread-safe; delays run on the given clock.
/// </summary>
public sealed partial class FakeCloudProvider : ICloudProvider
{
    private readonly Lock _gate = new();
    private readonly FakeCloudOptions _options;
    private readonly TimeProvider _time;
    private readonly List<FakeInterface> _interfaces = [];
    private readonly HashSet<UInt128> _used = [];
    private readonly List<FakeCloudCall> _calls = [];
    private int _nextId;

    /// <summary>Creates the fake with its primary interface attached.</summary>
    public FakeCloudProvider(FakeCloudOptions? options = null, TimeProvider? time = null)
    {
        _options = options ?? new FakeCloudOptions();
        _time = time ?? TimeProvider.System;
        _random = new Random(_options.Seed);
        _throttleRefilledAt = _time.GetUtcNow();
        // AWS reserves the first four addresses and the last one of every subnet.
        foreach (var reserved in new UInt128[] { 0, 1, 2, 3, _options.Subnet.Size - 1 })
        {
            _used.Add(reserved);
        }

        var primary = Attach();
        primary.Addresses.AddRange(TakeAddresses(_options.InitialAddresses));
    }

    /// <inheritdoc />
    public string Name => _options.Name;

    /// <summary>The fake's limits.</summary>
    public PoolLimits Limits => _options.Limits;

    /// <summary>Every call so far, in arrival order.</summary>
    public IReadOnlyList<FakeCloudCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Calls of <paramref name="operation"/> so far.</summary>
    public int CallCount(string operation) => Calls.Count(c => c.Operation == operation);

    /// <summary>The cloud's truth now, without logging a call.</summary>
    public NodeDescription Snapshot()
    {
        lock (_gate)
        {
            return new NodeDescription
            {
                NodeId = _options.NodeId,
                InstanceType = _options.InstanceType,
                Interfaces = [.. _interfaces.Select(i => i.ToPoolInterface(_options.Subnet))],
                VpcCidrs = [.. _options.VpcCidrs ?? [_options.Subnet]],
                Limits = _options.Limits,
            };
        }
    }

    /// <inheritdoc />
    public Task<NodeDescription> DescribeAsync(CancellationToken cancellationToken) =>
        CallAsync(FakeCloudOperations.Describe, null, 0, Snapshot, cancellationToken);

    /// <inheritdoc />
    public Task<PoolInterface> CreateInterfaceAsync(CancellationToken cancellationToken) =>
        CallAsync(FakeCloudOperations.CreateInterface, null, 1, () =>
        {
            if (_interfaces.Count >= _options.Limits.MaxInterfaces)
            {
                throw Error(CloudErrorKind.Capacity, FakeCloudOperations.CreateInterface,
                    $"instance {_options.NodeId} already has {_interfaces.Count} of {_options.Limits.MaxInterfaces} interfaces");
            }

            return Attach().ToPoolInterface(_options.Subnet);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<IPAddress>> AssignAddressesAsync(string interfaceId, int count, CancellationToken cancellationToken) =>
        CallAsync(FakeCloudOperations.AssignAddresses, interfaceId, count, () =>
        {
            var target = Find(interfaceId, FakeCloudOperations.AssignAddresses);
            if (count <= 0 || target.Addresses.Count + count > _options.Limits.AddressesPerInterface)
            {
                throw Error(CloudErrorKind.Capacity, FakeCloudOperations.AssignAddresses,
                    $"{interfaceId} holds {target.Addresses.Count} of {_options.Limits.AddressesPerInterface} addresses; cannot add {count}");
            }

            var taken = TakeAddresses(count);
            target.Addresses.AddRange(taken);
            return (IReadOnlyList<IPAddress>)taken;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Cidr>> AssignPrefixesAsync(string interfaceId, int count, CancellationToken cancellationToken) =>
        CallAsync(FakeCloudOperations.AssignPrefixes, interfaceId, count, () =>
        {
            var target = Find(interfaceId, FakeCloudOperations.AssignPrefixes);
            if (count <= 0 || target.Prefixes.Count + count > _options.Limits.PrefixesPerInterface)
            {
                throw Error(CloudErrorKind.Capacity, FakeCloudOperations.AssignPrefixes,
                    $"{interfaceId} holds {target.Prefixes.Count} of {_options.Limits.PrefixesPerInterface} prefixes; cannot add {count}");
            }

            var taken = TakePrefixes(count);
            target.Prefixes.AddRange(taken);
            return (IReadOnlyList<Cidr>)taken;
        }, cancellationToken);

    /// <inheritdoc />
    public Task ReleaseAddressesAsync(string interfaceId, IReadOnlyList<IPAddress> addresses, CancellationToken cancellationToken) =>
        CallAsync(FakeCloudOperations.ReleaseAddresses, interfaceId, addresses.Count, () =>
        {
            var target = Find(interfaceId, FakeCloudOperations.ReleaseAddresses);
            foreach (var address in addresses)
            {
                if (target.Addresses.Remove(address))
                {
                    _used.Remove(_options.Subnet.OffsetOf(address));
                }
            }

            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task ReleasePrefixesAsync(string interfaceId, IReadOnlyList<Cidr> prefixes, CancellationToken cancellationToken) =>
        CallAsync(FakeCloudOperations.ReleasePrefixes, interfaceId, prefixes.Count, () =>
        {
            var target = Find(interfaceId, FakeCloudOperations.ReleasePrefixes);
            foreach (var prefix in prefixes)
            {
                if (target.Prefixes.Remove(prefix))
                {
                    FreeBlock(prefix);
                }
            }

            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task DeleteInterfaceAsync(string interfaceId, CancellationToken cancellationToken) =>
        CallAsync(FakeCloudOperations.DeleteInterface, interfaceId, 1, () =>
        {
            var target = Find(interfaceId, FakeCloudOperations.DeleteInterface);
            if (target.DeviceIndex == 0)
            {
                throw Error(CloudErrorKind.Other, FakeCloudOperations.DeleteInterface, $"{interfaceId} is the primary interface");
            }

            foreach (var address in target.Addresses.Append(target.PrimaryAddress))
            {
                _used.Remove(_options.Subnet.OffsetOf(address));
            }

            target.Prefixes.ForEach(FreeBlock);
            _interfaces.Remove(target);
            return true;
        }, cancellationToken);

    private FakeInterface Attach()
    {
        var device = Enumerable.Range(0, int.MaxValue).First(d => _interfaces.All(i => i.DeviceIndex != d));
        var created = new FakeInterface(
            "eni-fake" + (_nextId++).ToString("x4", CultureInfo.InvariantCulture),
            device,
            TakeAddresses(1).Single(),
            _time.GetUtcNow());
        _interfaces.Add(created);
        _interfaces.Sort((a, b) => a.DeviceIndex.CompareTo(b.DeviceIndex));
        return created;
    }

    private FakeInterface Find(string interfaceId, string operation) =>
        _interfaces.FirstOrDefault(i => i.Id == interfaceId)
        ?? throw Error(CloudErrorKind.NotFound, operation, $"interface {interfaceId} does not exist");

    private static CloudProviderException Error(CloudErrorKind kind, string operation, string message) => new(kind, operation, message);
}
