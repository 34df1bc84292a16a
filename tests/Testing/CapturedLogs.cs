using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Testing;

/// <summary>
/// Collects log events in memory so tests can look at event ids and messages. It is a provider
/// (for a host's logging builder) and a factory (for code that takes an ILoggerFactory).
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ILoggerFactory
{
    private readonly ConcurrentQueue<(int EventId, LogLevel Level, string Message)> _events = new();

    public IReadOnlyList<(int EventId, LogLevel Level, string Message)> Events => [.. _events];

    public bool Has(int eventId) => _events.Any(e => e.EventId == eventId);

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._events.Enqueue((eventId.Id, logLevel, formatter(state, exception)));
    }
}
