using System.Diagnostics;
using System.Globalization;
using Cloudnet.Bench.AwsPolicy;
using Cloudnet.Emulator;
using Cloudnet.Emulator.Control;
using Cloudnet.Providers.Aws;
using Cloudnet.Providers.Aws.Imds;
using Microsoft.Extensions.Logging;

// Usage (see bench/aws/README.md; policy-compare.sh sets up the cloudnet side and runs this inside the node namespace):
//   cloudnet-aws-policy-bench [--held 20] [--starts 1000] [--interval-ms 1000] [--retry-ms 1000] [--settle-s 15]
//     [--cooldown-s 30] [--instance-type m5.xlarge] [--seed 1] [--wave-high 0 --wave-period-s 60 --wave-quiet 0 --wave-step 1]
//     [--cni BIN/cloudnet --cni-config FILE --ns-prefix P --emulator URL --introspection URL]   (cloudnet side; omit for the model only)
var arguments = new BenchArguments(args);
var schedule = new ChurnSchedule
{
    Held = (int)arguments.Number("held", 20),
    Starts = (int)arguments.Number("starts", 1000),
    Interval = TimeSpan.FromMilliseconds(arguments.Number("interval-ms", 1000)),
    Retry = TimeSpan.FromMilliseconds(arguments.Number("retry-ms", 1000)),
    Settle = TimeSpan.FromSeconds(arguments.Number("settle-s", 15)),
    WaveHigh = (int)arguments.Number("wave-high", 0),
    WavePeriod = TimeSpan.FromSeconds(arguments.Number("wave-period-s", 60)),
    WaveQuiet = arguments.Number("wave-quiet", 0) != 0,
    WaveStep = (int)arguments.Number("wave-step", 1),
};
var cooldown = TimeSpan.FromSeconds(arguments.Number("cooldown-s", 30));
var instanceType = arguments.Text("instance-type", "m5.xlarge")!;
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
var ct = cancel.Token;
using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));

// The AWS-style side: its own in-process emulator, the project's Ec2CloudProvider with the daemon's defaults.
await using var emulator = await EmulatorHost.StartAsync(
    new EmulatorOptions { InstanceType = instanceType, Seed = (int)arguments.Number("seed", 1), LogLevel = LogLevel.Warning }, ct);
// DescribeBeforeDetach: aws-node's freeENI describes the ENI before detaching it; the daemon takes the
// attachment from its EC2 view, the model counts AWS's call.
var providerOptions = new AwsProviderOptions { ClusterName = "bench", Ec2Endpoint = emulator.BaseUri, ImdsEndpoint = emulator.BaseUri, DescribeBeforeDetach = true };
using var provider = new Ec2CloudProvider(providerOptions, TimeProvider.System, loggerFactory);
using var imdsClient = new ImdsClient(emulator.BaseUri, TimeSpan.FromHours(6), TimeSpan.FromSeconds(2), TimeProvider.System, loggerFactory.CreateLogger("imds"));
var limits = (await provider.DescribeAsync(ct)).Limits;
var settings = new AwsStyleSettings
{
    AddressesPerEni = limits.AddressesPerInterface,
    MaxEnis = limits.MaxInterfaces,
    MaxPods = await provider.MaxPodsAsync(ct),
    Cooldown = cooldown,
};
var datastore = new AwsStyleDatastore(cooldown);
var ipamd = new AwsStyleIpamd(provider, new ImdsMetadata(imdsClient), datastore, settings, TimeProvider.System, loggerFactory.CreateLogger("aws-style"));
await ipamd.InitAsync(ct);
using var stopModel = CancellationTokenSource.CreateLinkedTokenSource(ct);
var monitor = ipamd.RunAsync(stopModel.Token);

using var cloudnet = arguments.Text("cni") is null ? null : new CloudnetSide(new Uri(arguments.Text("emulator")!), new Uri(arguments.Text("introspection")!));
var cloudnetNetwork = cloudnet is null ? null : new CniPodNetwork(
    arguments.Text("cni")!, await File.ReadAllTextAsync(arguments.Text("cni-config")!, ct), arguments.Text("ns-prefix")!);

var wave = schedule.WaveHigh > schedule.Held
    ? string.Create(CultureInfo.InvariantCulture, $", pod count alternating {schedule.Held}/{schedule.WaveHigh} every {schedule.WavePeriod.TotalSeconds} s{(schedule.WaveQuiet ? " (no replacements at a level)" : string.Empty)}{(schedule.WaveStep > 1 ? $", up to {schedule.WaveStep} pods per event on the way" : string.Empty)}, ")
    : " (each replaces the oldest pod), ";
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"policy comparison: {instanceType} ({settings.MaxEnis} ENIs x {settings.AddressesPerEni} addresses, max pods {settings.MaxPods}), {schedule.Held} pods held, "
    + $"{schedule.Starts} pod starts, one event per {schedule.Interval.TotalMilliseconds} ms after {schedule.Held} warm-up starts and {schedule.Settle.TotalSeconds} s settle{wave}"
    + $"IP_COOLDOWN_PERIOD {cooldown.TotalSeconds} s, failed ADD retried after {schedule.Retry.TotalMilliseconds} ms; "
    + $"model: WARM_ENI_TARGET {settings.WarmEniTarget}, monitor {settings.MonitorInterval.TotalSeconds} s, reconcile {settings.ReconcileInterval.TotalSeconds} s, min ENI life {settings.MinEniLifetime.TotalSeconds} s"));

// Both sides run the same schedule from the same origin, concurrently.
var origin = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
var modelRunner = new ChurnRunner(schedule, new ModelPodNetwork(datastore, TimeProvider.System));
CallsSnapshot? modelWarmUp = null, cloudnetWarmUp = null;
var modelRun = modelRunner.RunAsync(origin, () => { modelWarmUp = emulator.Calls.Snapshot(); emulator.Calls.Reset(); return Task.CompletedTask; }, ct);
var cloudnetRunner = cloudnetNetwork is null ? null : new ChurnRunner(schedule, cloudnetNetwork);
var cloudnetRun = cloudnetRunner?.RunAsync(origin, async () => { cloudnetWarmUp = await cloudnet!.CallsAsync(ct); await cloudnet.ResetCallsAsync(ct); }, ct);

var results = new List<SideResult>();
if (cloudnetRun is not null)
{
    var pods = await cloudnetRun;
    results.Add(new SideResult("cloudnet", cloudnetWarmUp!, await cloudnet!.CallsAsync(ct), pods, await cloudnet.PoolAsync(ct)));
}

var modelPods = await modelRun;
var modelCalls = emulator.Calls.Snapshot();
await stopModel.CancelAsync();
await monitor;
var views = datastore.Views(TimeProvider.System.GetUtcNow());
results.Add(new SideResult("aws-style", modelWarmUp!, modelCalls, modelPods,
    $"{views.Count} ENIs, {views.Sum(v => v.Addresses)} addresses, {views.Sum(v => v.Assigned)} assigned, {views.Sum(v => v.Cooling)} cooling; "
    + $"model actions over the run: {ipamd.EnisAttached} ENIs attached, {ipamd.EnisFilled} filled, {ipamd.EnisFreed} freed, "
    + $"{ipamd.Reconciles} reconciles ({ipamd.ReconcileDescribes} asked EC2), {ipamd.Errors} errors"));
Console.Write(Report.Format(schedule, results));
if (cloudnetRunner is not null)
{
    await cloudnetRunner.CleanupAsync(ct);
}
