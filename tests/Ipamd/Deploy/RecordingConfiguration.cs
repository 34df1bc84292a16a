using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Cloudnet.Ipamd.Tests.Deploy;

/// <summary>Configuration that remembers every key the daemon's option binders ask for.</summary>
public sealed class RecordingConfiguration(IReadOnlyDictionary<string, string?> values) : IConfiguration
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    /// <summary>Every key read so far.</summary>
    public IReadOnlySet<string> Read => _read;

    /// <inheritdoc />
    public string? this[string key]
    {
        get
        {
            _read.Add(key);
            return values.GetValueOrDefault(key);
        }
        set => throw new NotSupportedException("the daemon never writes its configuration");
    }

    /// <inheritdoc />
    public IEnumerable<IConfigurationSection> GetChildren() => throw new NotSupportedException("the daemon reads variables by name only");

    /// <inheritdoc />
    public IChangeToken GetReloadToken() => throw new NotSupportedException("the daemon never reloads its configuration");

    /// <inheritdoc />
    public IConfigurationSection GetSection(string key) => throw new NotSupportedException($"the daemon reads variables by name only (asked for section {key})");
}
