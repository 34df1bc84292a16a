namespace Cloudnet.Emulator.Faults;

/// <summary>A token bucket on an injected clock; not thread-safe (the controller holds its lock).</summary>
internal sealed class TokenBucket(BucketSettings settings, DateTimeOffset now)
{
    private double _tokens = settings.Capacity;
    private DateTimeOffset _last = now;

    public bool TryTake(DateTimeOffset now)
    {
        var elapsed = (now - _last).TotalSeconds;
        if (elapsed > 0)
        {
            _tokens = Math.Min(settings.Capacity, _tokens + (elapsed * settings.RefillPerSecond));
            _last = now;
        }

        if (_tokens < 1)
        {
            return false;
        }

        _tokens -= 1;
        return true;
    }
}
