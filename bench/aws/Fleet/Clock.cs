using System.Diagnostics;

namespace Cloudnet.Bench.Fleet;

/// <summary>Stopwatch helpers shared by the nodes: the fleet's start instant is a Stopwatch timestamp.</summary>
internal static class Clock
{
    public static TimeSpan Since(long origin) => Stopwatch.GetElapsedTime(origin);

    public static Task UntilAsync(long origin, CancellationToken cancellationToken)
    {
        var wait = -Stopwatch.GetElapsedTime(origin);
        return wait > TimeSpan.Zero ? Task.Delay(wait, cancellationToken) : Task.CompletedTask;
    }
}
