using System.Net;
using Cloudnet.Cni.Daemon;
using Cloudnet.Contract.V1;
using Grpc.Core;

namespace Cloudnet.Cni.Tests.Fakes;

/// <summary>
/// A daemon that really allocates: a small pool of addresses handed out per key, released on
/// Del, reported by Check. <see cref="FailWith"/> makes every call fail with a status, as an
/// unreachable (Unavailable) or exhausted (ResourceExhausted) daemon would.
/// </summary>
internal sealed class FakeIpamDaemon : IIpamDaemon
{
    private readonly Queue<string> _free;

    public FakeIpamDaemon(int routeTable = 254, params string[] pool)
    {
        RouteTable = routeTable;
        _free = new Queue<string>(pool.Length > 0 ? pool : ["10.0.1.10", "10.0.1.11", "10.0.1.12"]);
    }

    public Dictionary<(string Network, string Container, string IfName), string> Allocations { get; } = [];

    public List<string> Calls { get; } = [];

    public StatusCode? FailWith { get; set; }

    public int RouteTable { get; set; }

    public StatusReply Status { get; set; } = new() { Ready = true, CanServeAdd = true, Total = 3, Available = 3 };

    public List<GcRequest> GcRequests { get; } = [];

    public Task<AddReply> AddAsync(AddRequest request, CancellationToken cancellationToken)
    {
        Record("Add");
        var key = Key(request.Key);
        if (!Allocations.TryGetValue(key, out var address))
        {
            if (_free.Count == 0)
            {
                throw new RpcException(new Status(StatusCode.ResourceExhausted, "pool empty"));
            }

            address = _free.Dequeue();
            Allocations[key] = address;
        }

        return Task.FromResult(new AddReply
        {
            Address = address,
            PrefixLength = IPAddress.Parse(address).AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32,
            Gateway = "10.0.0.1",
            RouteTable = RouteTable,
            Mtu = 9001,
            InterfaceId = "eni-1",
        });
    }

    public Task<DelReply> DelAsync(DelRequest request, CancellationToken cancellationToken)
    {
        Record("Del");
        var key = Key(request.Key);
        if (!Allocations.Remove(key, out var address))
        {
            return Task.FromResult(new DelReply());
        }

        _free.Enqueue(address);
        return Task.FromResult(new DelReply { ReleasedAddress = address });
    }

    public Task<CheckReply> CheckAsync(CheckRequest request, CancellationToken cancellationToken)
    {
        Record("Check");
        return Allocations.TryGetValue(Key(request.Key), out var address)
            ? Task.FromResult(new CheckReply { Address = address, PrefixLength = 32, RouteTable = RouteTable })
            : throw new RpcException(new Status(StatusCode.NotFound, "no allocation"));
    }

    public Task<GcReply> GcAsync(GcRequest request, CancellationToken cancellationToken)
    {
        Record("Gc");
        GcRequests.Add(request);
        var valid = request.Valid.Select(Key).ToHashSet();
        var reply = new GcReply();
        foreach (var key in Allocations.Keys.Where(k => k.Network == request.NetworkName && !valid.Contains(k)).ToList())
        {
            _free.Enqueue(Allocations[key]);
            Allocations.Remove(key);
            reply.Released.Add(new AttachmentKey { NetworkName = key.Network, ContainerId = key.Container, IfName = key.IfName });
        }

        return Task.FromResult(reply);
    }

    public Task<StatusReply> StatusAsync(StatusRequest request, CancellationToken cancellationToken)
    {
        Record("Status");
        return Task.FromResult(Status);
    }

    public void Dispose()
    {
    }

    private void Record(string call)
    {
        Calls.Add(call);
        if (FailWith is { } code)
        {
            throw new RpcException(new Status(code, $"injected {code}"));
        }
    }

    private static (string, string, string) Key(AttachmentKey key) => (key.NetworkName, key.ContainerId, key.IfName);
}
