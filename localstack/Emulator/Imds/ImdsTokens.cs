using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Cloudnet.Emulator.Imds;

/// <summary>IMDSv2 session tokens with their expiry, on the injected clock.</summary>
internal sealed class ImdsTokens(TimeProvider time)
{
    /// <summary>IMDS accepts TTLs of 1 second to 6 hours.</summary>
    public const int MaxTtlSeconds = 21600;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);

    public string Issue(int ttlSeconds)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(42));
        _expiries[token] = time.GetUtcNow().AddSeconds(ttlSeconds);
        return token;
    }

    public bool IsValid(string? token)
    {
        if (token is null || !_expiries.TryGetValue(token, out var expiry))
        {
            return false;
        }

        if (time.GetUtcNow() < expiry)
        {
            return true;
        }

        _expiries.TryRemove(token, out _);
        return false;
    }

    public void Clear() => _expiries.Clear();
}
