using System.Diagnostics;
using System.Globalization;
using Cloudnet.Contract;
using Cloudnet.Contract.V1;
using Cloudnet.Cni.Daemon;

namespace Cloudnet.Bench.Daemon;

/// <summary>
/// Whole-process daemon benchmarks against the published binary:
/// `daemon-grpc [--n 5000] [--bin PATH]`: Add+Del round trips over the Unix socket, from a warm Grpc.Net.Client
/// and from the CNI binary's own client (a connection per call);
/// `daemon-start [--allocations 250] [--runs 5] [--bin PATH]`: start-to-ready with allocations in the checkpoint, and RSS after start.
/// Targets (issue 2): round trip p50 ≤ 0.5 ms; start-to-ready ≤ 1 s; RSS ≤ 60 MB.
/// </summary>
internal static class DaemonBenchmarks
{
    public static void Register()
    {
        BenchDrivers.Register("daemon-grpc", args => GrpcRoundTripAsync(args).GetAwaiter().GetResult());
        BenchDrivers.Register("daemon-start", args => StartToReadyAsync(args).GetAwaiter().GetResult());
    }

    private static async Task<int> GrpcRoundTripAsync(string[] args)
    {
        var n = IntArg(args, "--n", 5000);
        var dir = Directory.CreateTempSubdirectory("cnb-").FullName;
        try
        {
            await using var daemon = await DaemonLauncher.StartAsync(
                DaemonLauncher.FindBinary(StringArg(args, "--bin")), dir,
                new Dictionary<string, string> { ["CLOUDNET_POOL_CIDRS"] = "10.200.0.0/24", ["IP_COOLDOWN_PERIOD"] = "0" }).ConfigureAwait(false);

            // Both clients against the same daemon, one after the other: Grpc.Net.Client on one
            // persistent HTTP/2 connection, and the CNI binary's own synchronous client, which opens
            // a connection per call exactly as every CNI run does.
            using var channel = UdsChannel.Create(daemon.SocketPath);
            var grpc = new GrpcNetClient(new global::Cloudnet.Contract.V1.Ipam.IpamClient(channel));
            using var cni = new UnixSocketIpamDaemon(daemon.SocketPath, TimeSpan.FromSeconds(10));
            foreach (var (name, client) in new (string, IBenchClient)[] { ("Grpc.Net.Client, warm connection", grpc), ("CNI binary's client, connection per call", new CniClient(cni)) })
            {
                for (var i = 0; i < 500; i++)
                {
                    await RoundTripAsync(client, "warm" + i).ConfigureAwait(false);
                }

                var add = new List<double>(n);
                var del = new List<double>(n);
                var both = new List<double>(n);
                for (var i = 0; i < n; i++)
                {
                    var (a, d) = await RoundTripAsync(client, name[0] + "c" + i).ConfigureAwait(false);
                    add.Add(a);
                    del.Add(d);
                    both.Add(a + d);
                }

                // The transport floor: a Status call touches no state and writes nothing.
                var status = new List<double>(n);
                for (var i = 0; i < n; i++)
                {
                    var clock = Stopwatch.StartNew();
                    await client.StatusAsync().ConfigureAwait(false);
                    status.Add(clock.Elapsed.TotalMilliseconds);
                }

                Console.WriteLine($"-- {name}");
                Console.WriteLine(Percentiles.Summary("Status (floor)", status));
                Console.WriteLine(Percentiles.Summary("Add", add));
                Console.WriteLine(Percentiles.Summary("Del", del));
                Console.WriteLine(Percentiles.Summary("Add+Del round trip", both));
            }

            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<(double Add, double Del)> RoundTripAsync(IBenchClient client, string id)
    {
        var key = new AttachmentKey { NetworkName = "bench", ContainerId = id, IfName = "eth0" };
        var clock = Stopwatch.StartNew();
        await client.AddAsync(new AddRequest { ClientVersion = ContractVersion.Current, Key = key, Netns = "/nonexistent-netns-dir/" + id }).ConfigureAwait(false);
        var add = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        await client.DelAsync(new DelRequest { ClientVersion = ContractVersion.Current, Key = key }).ConfigureAwait(false);
        return (add, clock.Elapsed.TotalMilliseconds);
    }

    private interface IBenchClient
    {
        Task AddAsync(AddRequest request);

        Task DelAsync(DelRequest request);

        Task StatusAsync();
    }

    private sealed class GrpcNetClient(global::Cloudnet.Contract.V1.Ipam.IpamClient client) : IBenchClient
    {
        public Task AddAsync(AddRequest request) => client.AddAsync(request).ResponseAsync;

        public Task DelAsync(DelRequest request) => client.DelAsync(request).ResponseAsync;

        public Task StatusAsync() => client.StatusAsync(new StatusRequest { ClientVersion = ContractVersion.Current }).ResponseAsync;
    }

    private sealed class CniClient(UnixSocketIpamDaemon daemon) : IBenchClient
    {
        public Task AddAsync(AddRequest request) => daemon.AddAsync(request, CancellationToken.None);

        public Task DelAsync(DelRequest request) => daemon.DelAsync(request, CancellationToken.None);

        public Task StatusAsync() => daemon.StatusAsync(new StatusRequest { ClientVersion = ContractVersion.Current }, CancellationToken.None);
    }

    private static async Task<int> StartToReadyAsync(string[] args)
    {
        var allocations = IntArg(args, "--allocations", 250);
        var runs = IntArg(args, "--runs", 5);
        var binary = DaemonLauncher.FindBinary(StringArg(args, "--bin"));
        var dir = Directory.CreateTempSubdirectory("cnb-").FullName;
        var env = new Dictionary<string, string> { ["CLOUDNET_POOL_CIDRS"] = "10.201.0.0/24,10.201.1.0/24" };
        try
        {
            await using (var seed = await DaemonLauncher.StartAsync(binary, dir, env).ConfigureAwait(false))
            {
                using var channel = UdsChannel.Create(seed.SocketPath);
                var client = new global::Cloudnet.Contract.V1.Ipam.IpamClient(channel);
                for (var i = 0; i < allocations; i++)
                {
                    await client.AddAsync(new AddRequest
                    {
                        ClientVersion = ContractVersion.Current,
                        Key = new AttachmentKey { NetworkName = "bench", ContainerId = "pod" + i, IfName = "eth0" },
                        Netns = "/nonexistent-netns-dir/pod" + i,
                        Pod = new PodInfo { Namespace = "default", Name = "pod-" + i },
                    });
                }

                await seed.StopAsync().ConfigureAwait(false);
            }

            var ready = new List<double>();
            var rss = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                await using var daemon = await DaemonLauncher.StartAsync(binary, dir, env).ConfigureAwait(false);
                ready.Add(daemon.StartToReady.TotalMilliseconds);
                rss.Add(daemon.RssMiB());
                await daemon.StopAsync().ConfigureAwait(false);
            }

            Console.WriteLine(Percentiles.Summary($"start-to-ready ({allocations} allocs)", ready));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RSS after ready: min {rss.Min():0.0} MiB, median {rss.Order().ElementAt(rss.Count / 2):0.0} MiB, max {rss.Max():0.0} MiB"));
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static int IntArg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string? StringArg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
