using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Bench.Fleet;

/// <summary>
/// Counts log events at Warning and above by event id and name instead of printing them (a throttled
/// fleet of 100 nodes logs thousands of retries). The counts are printed with each side's results, so
/// e.g. cloudnet's "EC2 call failed, retry …" (event 5021) shows how many retries its nodes made.
/// </summary>
internal sealed class CountingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => new Counter(this);

    /// <summary>Counts so far, "id name: count", most frequent first, and clears them.</summary>
    public string Drain()
    {
        var snapshot = _counts.ToArray();
        _counts.Clear();
        return snapshot.Length == 0
            ? "no warnings logged"
            : string.Join(", ", snapshot.OrderByDescending(c => c.Value).Select(c => $"{c.Key}: {c.Value}"));
    }

    public void Dispose()
    {
    }

    private sealed class Counter(CountingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner._counts.AddOrUpdate($"{logLevel} {eventId.Id} {eventId.Name}", 1, (_, n) => n + 1);
            }
        }
    }
}
