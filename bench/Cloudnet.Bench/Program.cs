using BenchmarkDotNet.Running;

// Every benchmark class in this assembly is selectable: `dotnet run -c Release -- --filter '*Datastore*'`.
// Drivers that are not BenchmarkDotNet classes register themselves in BenchDrivers.
if (args.Length > 0 && Cloudnet.Bench.BenchDrivers.TryRun(args, out var exitCode))
{
    return exitCode;
}

BenchmarkSwitcher.FromAssembly(typeof(Cloudnet.Bench.BenchDrivers).Assembly).Run(args);
return 0;
