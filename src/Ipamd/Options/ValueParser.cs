using System.Globalization;
using System.Net;
using Cloudnet.Ipam.Addressing;
using Microsoft.Extensions.Configuration;

namespace Cloudnet.Ipamd.Options;

/// <summary>
/// Reads typed values from configuration, collecting one message per bad value (naming the
/// variable) instead of stopping at the first, so an operator fixes everything in one go.
/// </summary>
internal sealed class ValueParser(IConfiguration configuration)
{
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors => _errors;

    public void Error(string name, string message) => _errors.Add($"{name}: {message}");

    /// <summary>The trimmed value, or null when unset or blank.</summary>
    public string? Text(string name)
    {
        var value = configuration[name];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public int Int(string name, int fallback, int min, int max)
    {
        var text = Text(name);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Error(name, $"'{text}' is not an integer between {min} and {max}");
            return fallback;
        }

        return value;
    }

    public bool Bool(string name, bool fallback)
    {
        var text = Text(name);
        switch (text?.ToUpperInvariant())
        {
            case null:
                return fallback;
            case "TRUE" or "1" or "YES":
                return true;
            case "FALSE" or "0" or "NO":
                return false;
            default:
                Error(name, $"'{text}' is not a boolean (true or false)");
                return fallback;
        }
    }

    /// <summary>"10s", "500ms", "2m", "1h", a bare number of seconds, or "00:00:10".</summary>
    public TimeSpan Duration(string name, TimeSpan fallback, TimeSpan max)
    {
        var text = Text(name);
        if (text is null)
        {
            return fallback;
        }

        if (!TryParseDuration(text, out var value) || value < TimeSpan.Zero || value > max)
        {
            Error(name, $"'{text}' is not a duration between 0 and {max.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s (e.g. 10s, 500ms)");
            return fallback;
        }

        return value;
    }

    /// <summary>A whole number of seconds (IP_COOLDOWN_PERIOD's unit in AWS VPC CNI).</summary>
    public TimeSpan Seconds(string name, TimeSpan fallback, int maxSeconds)
    {
        var text = Text(name);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) || seconds < 0 || seconds > maxSeconds)
        {
            Error(name, $"'{text}' is not a whole number of seconds between 0 and {maxSeconds}");
            return fallback;
        }

        return TimeSpan.FromSeconds(seconds);
    }

    public IReadOnlyList<Cidr> CidrList(string name)
    {
        var text = Text(name);
        if (text is null)
        {
            return [];
        }

        var result = new List<Cidr>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (Cidr.TryParse(part, out var cidr) && part.Contains('/', StringComparison.Ordinal))
            {
                result.Add(cidr);
            }
            else
            {
                Error(name, $"'{part}' is not a CIDR (expected e.g. 10.0.0.0/24)");
            }
        }

        return result;
    }

    /// <summary>"127.0.0.1:61679", "[::1]:61679" or "localhost:61679".</summary>
    public IPEndPoint Endpoint(string name, IPEndPoint fallback)
    {
        var text = Text(name);
        if (text is null)
        {
            return fallback;
        }

        var colon = text.LastIndexOf(':');
        if (colon > 0
            && int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            && port <= IPEndPoint.MaxPort
            && TryParseHost(text[..colon], out var address))
        {
            return new IPEndPoint(address, port);
        }

        Error(name, $"'{text}' is not an address:port (expected e.g. 127.0.0.1:61679)");
        return fallback;
    }

    public string AbsolutePath(string name, string fallback, int maxBytes = 4096)
    {
        var text = Text(name);
        if (text is null)
        {
            return fallback;
        }

        if (!Path.IsPathFullyQualified(text))
        {
            Error(name, $"'{text}' is not an absolute path");
            return fallback;
        }

        if (System.Text.Encoding.UTF8.GetByteCount(text) > maxBytes)
        {
            Error(name, $"'{text}' is longer than {maxBytes} bytes");
            return fallback;
        }

        return text;
    }

    /// <summary>An absolute path, or null when unset (or when it is not one: the error is recorded).</summary>
    public string? OptionalAbsolutePath(string name) => Text(name) is null ? null : NullIfFallback(AbsolutePath(name, string.Empty));

    internal static bool TryParseDuration(string text, out TimeSpan value)
    {
        var (number, unit) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) => (text[..^2], 0.001),
            _ when text.EndsWith('s') || text.EndsWith('S') => (text[..^1], 1.0),
            _ when text.EndsWith('m') || text.EndsWith('M') => (text[..^1], 60.0),
            _ when text.EndsWith('h') || text.EndsWith('H') => (text[..^1], 3600.0),
            _ => (text, 1.0),
        };
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && double.IsFinite(amount))
        {
            value = TimeSpan.FromSeconds(amount * unit);
            return true;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value);
    }

    private static string? NullIfFallback(string path) => path.Length == 0 ? null : path;

    private static bool TryParseHost(string host, out IPAddress address)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
            return true;
        }

        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        return IPAddress.TryParse(host, out address!) && (host.Contains(':', StringComparison.Ordinal) || host.Count(c => c == '.') == 3);
    }
}
