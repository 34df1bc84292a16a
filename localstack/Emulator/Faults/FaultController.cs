using Cloudnet.Emulator.State;

namespace Cloudnet.Emulator.Faults;

/// <summary>
/// Decides, per call, the injected latency and whether the call is throttled or fails.
/// Seeded, so a run with the same seed and call order fails the same calls.
/// </summary>
public sealed class FaultController
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly int _seed;
    private readonly Dictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);
    private FaultSettings _settings = new();
    private Random _random;

    internal FaultController(TimeProvider time, int seed)
    {
        _time = time;
        _seed = seed;
        _random = new Random(seed);
    }

    /// <summary>The settings in force.</summary>
    public FaultSettings Settings
    {
        get
        {
            lock (_gate)
            {
                return _settings;
            }
        }
    }

    /// <summary>Replaces every rule and the throttling; buckets start full again.</summary>
    public void Set(FaultSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var bad = settings.Rules.FirstOrDefault(r => r.ErrorRate is < 0 or > 1 || r.LatencyMs < 0 || string.IsNullOrEmpty(r.Action));
        if (bad is not null)
        {
            throw new ArgumentException($"fault rule for '{bad.Action}' is invalid: errorRate must be 0..1, latencyMs >= 0, action non-empty", nameof(settings));
        }

        lock (_gate)
        {
            _settings = settings;
            _buckets.Clear();
            if (settings.Seed is { } seed)
            {
                _random = new Random(seed);
            }
        }
    }

    /// <summary>No faults, no throttling, dice reseeded with the boot seed.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _settings = new FaultSettings();
            _buckets.Clear();
            _random = new Random(_seed);
        }
    }

    /// <summary>Decides one call of <paramref name="action"/>.</summary>
    internal FaultDecision Decide(string action, ActionClass actionClass)
    {
        lock (_gate)
        {
            var rules = _settings.Rules.Where(r => r.Action == "*" || r.Action == action).ToList();
            var latency = TimeSpan.FromMilliseconds(rules.Sum(r => r.LatencyMs));
            if (_settings.Throttling.Enabled)
            {
                var key = action + "/" + actionClass;
                if (!_buckets.TryGetValue(key, out var bucket))
                {
                    bucket = new TokenBucket(_settings.Throttling.For(actionClass), _time.GetUtcNow());
                    _buckets.Add(key, bucket);
                }

                if (!bucket.TryTake(_time.GetUtcNow()))
                {
                    return new FaultDecision(latency, new Ec2Exception(Ec2ErrorCodes.RequestLimitExceeded, "Request limit exceeded."), Throttled: true);
                }
            }

            foreach (var rule in rules)
            {
                if (rule.ErrorRate > 0 && _random.NextDouble() < rule.ErrorRate)
                {
                    return new FaultDecision(latency, new Ec2Exception(rule.ErrorCode, $"Injected fault for {action}."), rule.ErrorCode == Ec2ErrorCodes.RequestLimitExceeded);
                }
            }

            return new FaultDecision(latency, null, Throttled: false);
        }
    }
}

/// <summary>What to do to one call.</summary>
internal sealed record FaultDecision(TimeSpan Latency, Ec2Exception? Error, bool Throttled);
