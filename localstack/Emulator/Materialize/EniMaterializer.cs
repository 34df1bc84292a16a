using System.Globalization;
using System.Threading.Channels;
using Cloudnet.Emulator.State;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Emulator.Materialize;

/// <summary>
/// Mirrors attachments as links in the namespace standing in for the node: an attach creates a
/// link "eth{device index}" with the ENI's MAC (down, unaddressed: the daemon brings it up, as it
/// must on EC2); a detach removes the link that has the MAC. The link is a dummy where the kernel
/// has the dummy driver, else a veth whose peer "vpc-eth{index}" (up) sits in the VPC namespace
/// when one is given (so packets leaving the ENI land somewhere real), or next to it. The primary ENI (device 0) is
/// special: an existing eth0 gets the ENI's MAC, a missing one is created with the primary
/// address and brought up. Changes are applied one at a time in state order.
/// </summary>
internal sealed class EniMaterializer : IAsyncDisposable
{
    private readonly string _netns;
    private readonly ILogger _logger;
    private readonly Channel<EniChange> _changes = Channel.CreateUnbounded<EniChange>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Ec2State _state;
    private readonly Task _loop;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, string> _created = new(StringComparer.Ordinal);

    private readonly string? _vpcNetns;
    private readonly bool _dummy;

    private EniMaterializer(string netns, string? vpcNetns, bool dummy, Ec2State state, ILogger logger)
    {
        _netns = netns;
        _vpcNetns = vpcNetns;
        _dummy = dummy;
        _state = state;
        _logger = logger;
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Checks the namespace, subscribes to the state, and mirrors the ENIs attached now.</summary>
    public static async Task<EniMaterializer> StartAsync(string? netns, string? vpcNetns, Ec2State state, ILogger logger, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(netns))
        {
            throw new ArgumentException("--materialize-enis needs --netns <name> (the namespace standing in for the node)", nameof(netns));
        }

        var (code, output) = await IpCommand.RunAsync(["-n", netns, "link", "show"], cancellationToken).ConfigureAwait(false);
        if (code != 0)
        {
            throw new InvalidOperationException($"network namespace '{netns}' is not usable for ENI materialisation: {output}");
        }

        if (vpcNetns is not null)
        {
            var (vpcCode, vpcOutput) = await IpCommand.RunAsync(["-n", vpcNetns, "link", "show"], cancellationToken).ConfigureAwait(false);
            if (vpcCode != 0)
            {
                throw new InvalidOperationException($"VPC network namespace '{vpcNetns}' is not usable: {vpcOutput}");
            }
        }

        // Some kernels (sandboxes, minimal builds) lack the dummy driver; veth is always there.
        const string probe = "cnprobe0";
        var dummy = vpcNetns is null
            && (await IpCommand.RunAsync(["-n", netns, "link", "add", probe, "type", "dummy"], cancellationToken).ConfigureAwait(false)).ExitCode == 0;
        if (dummy)
        {
            await IpCommand.RunAsync(["-n", netns, "link", "del", probe], cancellationToken).ConfigureAwait(false);
        }

        var materializer = new EniMaterializer(netns, vpcNetns, dummy, state, logger);
        state.Changes = materializer._changes.Writer;
        state.PublishAttached();
        return materializer;
    }

    /// <summary>Completes when every change queued so far has been applied (for tests).</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        var barrier = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_changes.Writer.TryWrite(new EniChange(EniChangeKind.Barrier, "", "", -1, "", 0) { Barrier = barrier }))
        {
            await barrier.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _state.Changes = null;
        _changes.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
        await RemoveAllAsync().ConfigureAwait(false);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var change in _changes.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (change.Barrier is { } barrier)
            {
                barrier.TrySetResult();
                continue;
            }

            try
            {
                await ApplyAsync(change, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                EmulatorLog.MaterializeFailed(_logger, change.Kind.ToString(), change.NetworkInterfaceId, _netns, e.Message);
            }
        }
    }

    private async Task ApplyAsync(EniChange change, CancellationToken ct)
    {
        var name = "eth" + change.DeviceIndex.ToString(CultureInfo.InvariantCulture);
        if (change.Kind == EniChangeKind.Detached)
        {
            var link = await FindByMacAsync(change.MacAddress, ct).ConfigureAwait(false);
            if (link is not null && _created.Remove(change.MacAddress))
            {
                await IpCommand.RunCheckedAsync(["-n", _netns, "link", "del", link], ct).ConfigureAwait(false);
                EmulatorLog.Dematerialized(_logger, change.NetworkInterfaceId, link, _netns);
            }

            return;
        }

        if (await FindByMacAsync(change.MacAddress, ct).ConfigureAwait(false) is not null)
        {
            return;
        }

        var existing = await IpCommand.RunAsync(["-n", _netns, "link", "show", name], ct).ConfigureAwait(false);
        if (change.DeviceIndex == 0 && existing.ExitCode == 0)
        {
            await IpCommand.RunCheckedAsync(["-n", _netns, "link", "set", name, "address", change.MacAddress], ct).ConfigureAwait(false);
            EmulatorLog.Materialized(_logger, change.NetworkInterfaceId, name, change.MacAddress, _netns);
            return;
        }

        if (existing.ExitCode == 0)
        {
            // A link left by an ENI detached outside our view; the device index is ours now.
            await IpCommand.RunCheckedAsync(["-n", _netns, "link", "del", name], ct).ConfigureAwait(false);
        }

        await CreateLinkAsync(name, change.MacAddress, ct).ConfigureAwait(false);
        _created[change.MacAddress] = name;
        if (change.DeviceIndex == 0)
        {
            await IpCommand.RunCheckedAsync(["-n", _netns, "addr", "add", change.PrimaryIp + "/" + change.SubnetPrefixLength.ToString(CultureInfo.InvariantCulture), "dev", name], ct).ConfigureAwait(false);
            await IpCommand.RunCheckedAsync(["-n", _netns, "link", "set", name, "up"], ct).ConfigureAwait(false);
        }

        EmulatorLog.Materialized(_logger, change.NetworkInterfaceId, name, change.MacAddress, _netns);
    }

    private async Task CreateLinkAsync(string name, string mac, CancellationToken ct)
    {
        if (_dummy)
        {
            await IpCommand.RunCheckedAsync(["-n", _netns, "link", "add", name, "address", mac, "type", "dummy"], ct).ConfigureAwait(false);
            return;
        }

        var peer = "vpc-" + name;
        var peerNetns = _vpcNetns ?? _netns;
        await IpCommand.RunCheckedAsync(["-n", _netns, "link", "add", name, "address", mac, "type", "veth", "peer", "name", peer, "netns", peerNetns], ct).ConfigureAwait(false);
        await IpCommand.RunCheckedAsync(["-n", peerNetns, "link", "set", peer, "up"], ct).ConfigureAwait(false);
    }

    /// <summary>The name of the link with <paramref name="mac"/> in the namespace, or null.</summary>
    private async Task<string?> FindByMacAsync(string mac, CancellationToken ct)
    {
        var output = await IpCommand.RunCheckedAsync(["-n", _netns, "-o", "link", "show"], ct).ConfigureAwait(false);
        foreach (var line in output.Split('\n'))
        {
            // "3: eth1: <BROADCAST,NOARP> mtu 1500 ... link/ether 02:ab:... brd ff:ff:..."
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var ether = Array.IndexOf(parts, "link/ether");
            if (ether > 0 && ether + 1 < parts.Length && string.Equals(parts[ether + 1], mac, StringComparison.OrdinalIgnoreCase) && parts.Length > 1)
            {
                return parts[1].TrimEnd(':').Split('@')[0];
            }
        }

        return null;
    }

    private async Task RemoveAllAsync()
    {
        foreach (var (mac, _) in _created.ToList())
        {
            try
            {
                var link = await FindByMacAsync(mac, CancellationToken.None).ConfigureAwait(false);
                if (link is not null)
                {
                    await IpCommand.RunAsync(["-n", _netns, "link", "del", link], CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (InvalidOperationException e)
            {
                EmulatorLog.MaterializeFailed(_logger, "cleanup", mac, _netns, e.Message);
            }
        }

        _created.Clear();
    }
}
