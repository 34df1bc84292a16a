namespace Cloudnet.Bench;

/// <summary>One line per non-BenchmarkDotNet driver; add yours here.</summary>
internal static class DriverRegistry
{
    public static void RegisterAll()
    {
        Daemon.DaemonBenchmarks.Register();
    }
}
