using System.Collections.Concurrent;
using System.Net;
using Cloudnet.Testing.Netns;

namespace Cloudnet.Providers.Aws.Tests.EndToEnd;

/// <summary>
/// Drives pods through the CNI binary: <see cref="ChurnAsync"/> runs ADD then DEL for many pods with
/// a few workers (one pod namespace each), checking that no address is ever held by two pods.
/// </summary>
internal sealed class PodChurn(CniInvoker cni) : IDisposable
{
    private readonly ConcurrentDictionary<IPAddress, (string Pod, bool Releasing)> _held = new();
    private readonly List<ThrowawayNamespace> _namespaces = [];
    private int _adds;

    /// <summary>Successful ADDs so far.</summary>
    public int Adds => Volatile.Read(ref _adds);

    /// <summary>ADD then DEL <paramref name="pods"/> pods, <paramref name="parallel"/> at a time.</summary>
    public async Task ChurnAsync(string prefix, int pods, int parallel)
    {
        var namespaces = Enumerable.Range(0, parallel).Select(_ => Namespace()).ToList();
        var next = -1;
        await Task.WhenAll(namespaces.Select(async ns =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < pods)
            {
                var pod = $"{prefix}-{i}";
                var address = await AddAsync(pod, ns);
                await DelAsync(pod, address, ns);
            }
        }));
    }

    /// <summary>ADDs <paramref name="pods"/> pods that stay, <paramref name="parallel"/> at a time; returns them.</summary>
    public async Task<List<(string Pod, IPAddress Address, ThrowawayNamespace Ns)>> HoldAsync(string prefix, int pods, int parallel)
    {
        using var gate = new SemaphoreSlim(parallel);
        var held = new ConcurrentBag<(string, IPAddress, ThrowawayNamespace)>();
        await Task.WhenAll(Enumerable.Range(0, pods).Select(async i =>
        {
            var ns = Namespace();
            await gate.WaitAsync();
            try
            {
                var pod = $"{prefix}-{i}";
                held.Add((pod, await AddAsync(pod, ns), ns));
            }
            finally
            {
                gate.Release();
            }
        }));
        return [.. held];
    }

    /// <summary>DELs pods made by <see cref="HoldAsync"/>.</summary>
    public async Task ReleaseAsync(IEnumerable<(string Pod, IPAddress Address, ThrowawayNamespace Ns)> pods, int parallel)
    {
        using var gate = new SemaphoreSlim(parallel);
        await Task.WhenAll(pods.Select(async p =>
        {
            await gate.WaitAsync();
            try
            {
                await DelAsync(p.Pod, p.Address, p.Ns);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    public void Dispose()
    {
        lock (_namespaces)
        {
            _namespaces.ForEach(n => n.Dispose());
            _namespaces.Clear();
        }
    }

    private async Task<IPAddress> AddAsync(string pod, ThrowawayNamespace ns)
    {
        var address = await cni.AddAsync(pod, ns.Path);
        _held.AddOrUpdate(
            address,
            (pod, false),
            (ip, current) => current.Releasing
                ? (pod, false)
                : throw new InvalidOperationException($"{ip} given to {pod} while {current.Pod} still holds it"));
        Interlocked.Increment(ref _adds);
        return address;
    }

    private async Task DelAsync(string pod, IPAddress address, ThrowawayNamespace ns)
    {
        // Once DEL starts the daemon may hand the address out again; mark it so that is not flagged.
        _held[address] = (pod, true);
        await cni.DelAsync(pod, ns.Path);
        _held.TryRemove(new KeyValuePair<IPAddress, (string, bool)>(address, (pod, true)));
    }

    private ThrowawayNamespace Namespace()
    {
        var ns = ThrowawayNamespace.Create("cnt");
        lock (_namespaces)
        {
            _namespaces.Add(ns);
        }

        return ns;
    }
}
