using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Cni.Logging;

/// <summary>
/// A minimal <see cref="ILogger"/> for a short-lived process: one line per event, written to the
/// configured log file or stderr — never stdout, which carries the CNI result. No logging
/// framework: the binary starts in a few milliseconds and writes a handful of lines.
/// </summary>
public sealed class TextWriterLogger : ILogger
{
    private readonly TextWriter _writer;
    private readonly LogLevel _minimum;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private string? _scope;

    /// <summary>Writes events at <paramref name="minimum"/> and above to <paramref name="writer"/>.</summary>
    public TextWriterLogger(TextWriter writer, LogLevel minimum, TimeProvider time)
    {
        _writer = writer;
        _minimum = minimum;
        _time = time;
    }

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull
    {
        var previous = _scope;
        _scope = state.ToString();
        return new ScopeReset(this, previous);
    }

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= _minimum;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var line = string.Create(CultureInfo.InvariantCulture,
            $"{_time.GetUtcNow():yyyy-MM-ddTHH:mm:ss.fffZ} {Level(logLevel)} [{eventId.Id}] pid={Environment.ProcessId} {_scope}{(_scope is null ? "" : " ")}{formatter(state, exception)}");
        lock (_gate)
        {
            _writer.WriteLine(exception is null ? line : $"{line}: {exception.GetType().Name}: {exception.Message}");
            _writer.Flush();
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "error",
        _ => "crit",
    };

    private sealed class ScopeReset(TextWriterLogger owner, string? previous) : IDisposable
    {
        public void Dispose() => owner._scope = previous;
    }
}
