using System.Net;
using Cloudnet.Testing.Kube;

// Standalone fake API server for scripts/e2e-bgp.sh and bench/bgp: 
//   cloudnet-fake-kube [--listen ADDR:PORT] [--node NAME=INTERNAL_IP]...
// Prints "listening on <url>" once it serves, logs each block claim and release with a millisecond
// timestamp ("block ADDED 10-244-0-64-26 node=n1 at=1700000000.123"), and runs until SIGTERM/SIGINT.
var listen = new IPEndPoint(IPAddress.Loopback, 0);
var nodes = new List<(string Name, string Address)>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--listen" when i + 1 < args.Length:
            listen = IPEndPoint.Parse(args[++i]);
            break;
        case "--node" when i + 1 < args.Length:
            var pair = args[++i].Split('=', 2);
            nodes.Add((pair[0], pair.Length > 1 ? pair[1] : ""));
            break;
        default:
            await Console.Error.WriteLineAsync($"usage: cloudnet-fake-kube [--listen ADDR:PORT] [--node NAME=IP]... (unknown '{args[i]}')");
            return 2;
    }
}

await using var server = await FakeKubeApiServer.StartAsync(listen);
foreach (var (name, address) in nodes)
{
    server.PutNode(name, address);
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
    {
        c.Cancel = true;
        stop.Cancel();
    });

var start = server.Store.Watch(KubeResource.IpamBlocks, null);
Console.WriteLine($"listening on {server.BaseAddress}");
using var subscription = start.Subscription!;
try
{
    await foreach (var e in subscription.Events.ReadAllAsync(stop.Token))
    {
        var obj = System.Text.Json.Nodes.JsonNode.Parse(e.Line)!["object"]!;
        var at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        Console.WriteLine(FormattableString.Invariant(
            $"block {e.Type} {obj["metadata"]?["name"]} cidr={obj["spec"]?["cidr"]} node={obj["spec"]?["node"]} at={at:F3}"));
    }
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
}

return 0;
