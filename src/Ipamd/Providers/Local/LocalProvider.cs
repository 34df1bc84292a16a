using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Cloud;
using Cloudnet.Ipam.Pool;
using Cloudnet.Ipamd.Node;
using Cloudnet.Ipamd.Options;
using Microsoft.Extensions.DependencyInjection;

namespace Cloudnet.Ipamd.Providers.Local;

/// <summary>
/// The embedded provider for single nodes and the demo: each CIDR of CLOUDNET_POOL_CIDRS is one
/// pool interface (local-0, local-1, … in order). local-0 is the primary and attached from the
/// start; <see cref="CreateInterfaceAsync"/> attaches the next CIDR. Addresses are assigned to an
/// interface on request, exactly as a cloud assigns secondary IPs, so the planner, the reconciler
/// and the datastore run the same code paths as on a cloud. Pods use the link-local gateway, and
/// every interface routes through the main table.
/// </summary>
public sealed partial class LocalProvider : ICloudProvider, IDisposable
{
    private readonly LocalAddressRange[] _ranges;
    private readonly SortedSet<int>?[] _assigned;
    private readonly LocalPoolStateFile _stateFile;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _loaded;

    /// <summary>Creates the provider over <paramref name="cidrs"/>, keeping its state in <paramref name="stateDir"/>.</summary>
    public LocalProvider(IReadOnlyList<Cidr> cidrs, string stateDir)
    {
        ArgumentNullException.ThrowIfNull(cidrs);
        ArgumentOutOfRangeException.ThrowIfZero(cidrs.Count);
        _ranges = [.. cidrs.Select(c => new LocalAddressRange(c))];
        _assigned = new SortedSet<int>?[_ranges.Length];
        _assigned[0] = [];
        _stateFile = new LocalPoolStateFile(Path.Combine(stateDir, "local-pool.json"));
    }

    /// <inheritdoc />
    public string Name => DaemonOptions.DefaultProvider;

    /// <summary>The provider's definition for the registry.</summary>
    public static ProviderDefinition Definition() => new()
    {
        Name = DaemonOptions.DefaultProvider,
        Description = "node-local pool from CLOUDNET_POOL_CIDRS, no cloud",
        DefaultMtu = 1500,
        Validate = static (options, _) => ValidateOptions(options),
        // Every usable address of every pool CIDR: the pods this node can address.
        MaxPods = static (services, _) => Task.FromResult<int?>(
            services.GetRequiredService<DaemonOptions>().PoolCidrs.Sum(c => new LocalAddressRange(c).Count)),
        Register = static context =>
        {
            context.Services.AddSingleton<ICloudProvider>(new LocalProvider(context.Options.PoolCidrs, context.Options.StateDir));
            context.Services.AddSingleton<INodeNetwork, NoNodeNetwork>();
        },
    };

    /// <inheritdoc />
    public async Task<NodeDescription> DescribeAsync(CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var interfaces = ImmutableArray.CreateBuilder<PoolInterface>();
            for (var i = 0; i < _ranges.Length; i++)
            {
                if (_assigned[i] is not null)
                {
                    interfaces.Add(Describe(i));
                }
            }

            return new NodeDescription
            {
                NodeId = Environment.MachineName,
                Interfaces = interfaces.ToImmutable(),
                VpcCidrs = [.. _ranges.Select(r => r.Cidr)],
                Limits = new PoolLimits
                {
                    MaxInterfaces = _ranges.Length,
                    AddressesPerInterface = _ranges.Max(r => r.Count),
                    PrefixesPerInterface = 0,
                },
            };
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<PoolInterface> CreateInterfaceAsync(CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var index = Array.FindIndex(_assigned, a => a is null);
            if (index < 0)
            {
                throw new CloudProviderException(CloudErrorKind.Capacity, "CreateInterface",
                    $"all {_ranges.Length} CIDRs of {EnvironmentNames.PoolCidrs} are attached");
            }

            _assigned[index] = [];
            await SaveAsync(cancellationToken).ConfigureAwait(false);
            return Describe(index);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IPAddress>> AssignAddressesAsync(string interfaceId, int count, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var index = Attached(interfaceId, "AssignPrivateIpAddresses");
            var set = _assigned[index]!;
            var range = _ranges[index];
            var added = new List<IPAddress>();
            for (var i = 0; i < range.Count && added.Count < count; i++)
            {
                if (set.Add(i))
                {
                    added.Add(range.At(i));
                }
            }

            await SaveAsync(cancellationToken).ConfigureAwait(false);
            return added;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Cidr>> AssignPrefixesAsync(string interfaceId, int count, CancellationToken cancellationToken) =>
        throw new CloudProviderException(CloudErrorKind.Other, "AssignPrefixes", $"the local provider has no prefix delegation (interface {interfaceId})");

    /// <inheritdoc />
    public async Task ReleaseAddressesAsync(string interfaceId, IReadOnlyList<IPAddress> addresses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var index = Attached(interfaceId, "UnassignPrivateIpAddresses");
            foreach (var address in addresses)
            {
                _assigned[index]!.Remove(_ranges[index].IndexOf(address));
            }

            await SaveAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public Task ReleasePrefixesAsync(string interfaceId, IReadOnlyList<Cidr> prefixes, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <inheritdoc />
    public async Task DeleteInterfaceAsync(string interfaceId, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var index = Attached(interfaceId, "DeleteNetworkInterface");
            if (index == 0)
            {
                throw new CloudProviderException(CloudErrorKind.Other, "DeleteNetworkInterface", $"{interfaceId} is the primary interface");
            }

            _assigned[index] = null;
            await SaveAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private static string IdOf(int index) => "local-" + index.ToString(CultureInfo.InvariantCulture);

    private PoolInterface Describe(int index) => new()
    {
        Id = IdOf(index),
        Kind = InterfaceKind.Local,
        DeviceIndex = index,
        IsPrimary = index == 0,
        Subnet = _ranges[index].Cidr,
        RouteTable = RouteTables.Main,
        Addresses = [.. _assigned[index]!.Select(_ranges[index].At)],
    };

    private int Attached(string interfaceId, string operation)
    {
        var index = interfaceId.StartsWith("local-", StringComparison.Ordinal)
            && int.TryParse(interfaceId.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            && parsed < _ranges.Length && IdOf(parsed) == interfaceId ? parsed : -1;
        if (index < 0 || _assigned[index] is null)
        {
            throw new CloudProviderException(CloudErrorKind.NotFound, operation, $"interface {interfaceId} is not attached");
        }

        return index;
    }
}
