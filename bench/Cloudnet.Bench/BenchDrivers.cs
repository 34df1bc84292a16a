namespace Cloudnet.Bench;

/// <summary>
/// Benchmarks that are not BenchmarkDotNet classes (whole-process measurements such as daemon
/// start-to-ready). Each is a named entry: `cloudnet-bench &lt;name&gt; [args]`.
/// </summary>
public static class BenchDrivers
{
    private static readonly Dictionary<string, Func<string[], int>> Drivers = new(StringComparer.Ordinal);

    /// <summary>Registers a driver under <paramref name="name"/>.</summary>
    public static void Register(string name, Func<string[], int> run) => Drivers[name] = run;

    /// <summary>Runs the driver named by args[0], if there is one.</summary>
    public static bool TryRun(string[] args, out int exitCode)
    {
        ArgumentNullException.ThrowIfNull(args);
        DriverRegistry.RegisterAll();
        if (Drivers.TryGetValue(args[0], out var run))
        {
            exitCode = run(args[1..]);
            return true;
        }

        exitCode = 0;
        return false;
    }
}
