using System.Globalization;
using Cloudnet.Bench.Fleet;
using Microsoft.Extensions.Logging;

// Usage (see bench/aws/README.md, "Fleet start"; fleet.sh passes its variables through):
//   cloudnet-fleet-bench [--nodes 50] [--instance-type m5.large] [--latency-ms 150] [--imds-lag-ms 1000]
//     [--bucket-scale 1] [--deadline-s 300] [--seed 1] [--sides cloudnet,aws-style[,cloudnet-retrigger][,cloudnet-tuned]]
var settings = FleetArguments.Parse(args);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
var ct = cancel.Token;
var counts = new CountingLoggerProvider();
using var loggers = LoggerFactory.Create(b => b.AddProvider(counts).SetMinimumLevel(LogLevel.Warning));

Console.WriteLine("fleet start: " + settings.Describe());
await using var rig = await FleetRig.StartAsync(settings, ct);

// One unreported single-node start per side first: the first side would otherwise pay the process's JIT
// warm-up (about a second on this machine) in its times.
foreach (var side in settings.Sides)
{
    await RunAsync(side, 1);
}

var results = new List<FleetSideResult>();
foreach (var side in settings.Sides)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{TimeProvider.System.GetUtcNow():HH:mm:ss} {side}: starting {settings.Nodes} nodes"));
    results.Add(await RunAsync(side, settings.Nodes));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{TimeProvider.System.GetUtcNow():HH:mm:ss} {side}: done"));
}

Console.Write(FleetReport.Format(results));

Task<FleetSideResult> RunAsync(string side, int count)
{
    counts.Drain();
    return side switch
    {
        "cloudnet" or "cloudnet-retrigger" => rig.RunSideAsync(
            side, count, (id, _) => new CloudnetNode(id, rig.Emulator.BaseUri, loggers, retriggerFailedRounds: side == "cloudnet-retrigger"), _ => "warnings logged: " + counts.Drain(), ct),
        "aws-style" => rig.RunSideAsync(
            side,
            count,
            (id, i) => new AwsStyleNode(id, rig.Emulator.BaseUri, settings.Seed * 100_003 + i, loggers),
            nodes => $"SDK retry-quota refusals {nodes.OfType<AwsStyleNode>().Sum(n => n.QuotaRefusals)}; warnings logged: {counts.Drain()}",
            ct),
        // What-if: retrigger plus retry delays like the AWS SDK's (first retry up to ~1-2 s, cap 20 s) instead of 200 ms / 10 s.
        "cloudnet-tuned" => rig.RunSideAsync(
            side,
            count,
            (id, _) => new CloudnetNode(id, rig.Emulator.BaseUri, loggers, retriggerFailedRounds: true, tune: o =>
            {
                o.Ec2RetryBaseDelay = TimeSpan.FromSeconds(1);
                o.Ec2RetryMaxDelay = TimeSpan.FromSeconds(20);
            }),
            _ => "warnings logged: " + counts.Drain(),
            ct),
        _ => throw new ArgumentException($"unknown side '{side}' (cloudnet, aws-style, cloudnet-retrigger, cloudnet-tuned)"),
    };
}
