using Amazon.EC2.Model;
using Cloudnet.Ipam.Cloud;
using Cloudnet.Providers.Aws.Ec2;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Providers.Aws.Limits;

/// <summary>
/// Instance-type limits. EC2's DescribeInstanceTypes is the source of truth, cached for the life of
/// the process (a type's limits never change), but it is kept off the boot path: when hundreds of
/// nodes start at once, every one asking it at the same instant exhausts the account's bucket for
/// that API (bench/aws/README.md, "Fleet start"). So a type in the built-in
/// <see cref="InstanceTypeTable"/> gets the table's limits at once, and EC2 is asked once, after a
/// uniformly random delay within the refresh window; from then on EC2's answer wins. A failed
/// refresh keeps the table and is retried later (1 minute doubling to 1 hour); it never fails a
/// caller. A type the table lacks is asked at boot, as is every type when the window is zero.
/// </summary>
internal sealed partial class InstanceLimitsSource : IDisposable
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromHours(1);
    private readonly Ec2Caller? _ec2;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _window;
    private readonly Func<double> _random;
    private readonly Action<InstanceTypeLimits>? _onChanged;
    private readonly Dictionary<string, Entry> _cache = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private Task _lastRefresh = Task.CompletedTask;
    private bool _disposed;

    /// <param name="ec2">EC2, or null in IMDS-only mode (table only, no call ever).</param>
    /// <param name="timeProvider">Clock of the deferred refresh and its retries.</param>
    /// <param name="logger">Logging.</param>
    /// <param name="refreshWindow">The deferred refresh happens uniformly within this delay; zero asks EC2 at once.</param>
    /// <param name="random">Uniform [0, 1) draws for the delay (seeded in tests).</param>
    /// <param name="onChanged">Called after a refresh when EC2's limits differ from the table's.</param>
    public InstanceLimitsSource(
        Ec2Caller? ec2, TimeProvider timeProvider, ILogger logger, TimeSpan refreshWindow, Func<double> random, Action<InstanceTypeLimits>? onChanged = null)
    {
        _ec2 = ec2;
        _time = timeProvider;
        _logger = logger;
        _window = refreshWindow;
        _random = random;
        _onChanged = onChanged;
    }

    /// <summary>The refresh started last (completed when none ran); tests await it after advancing the clock.</summary>
    internal Task LastRefresh
    {
        get
        {
            lock (_lock)
            {
                return _lastRefresh;
            }
        }
    }

    public async Task<InstanceTypeLimits> GetAsync(string instanceType, CancellationToken cancellationToken)
    {
        var builtIn = InstanceTypeTable.Find(instanceType);
        lock (_lock)
        {
            if (_cache.TryGetValue(instanceType, out var hit))
            {
                return hit.Limits;
            }

            if (builtIn is not null && (_ec2 is null || _window > TimeSpan.Zero))
            {
                // Known type: no call at boot. The refresh is scheduled once, by the first caller.
                _cache[instanceType] = new Entry(builtIn, FromEc2: false, Failures: 0, Timer: null);
                Schedule(instanceType, TimeSpan.FromTicks((long)(_window.Ticks * _random())));
                return builtIn;
            }
        }

        if (_ec2 is null)
        {
            throw NotKnown(instanceType, null);
        }

        InstanceTypeLimits limits;
        try
        {
            limits = await DescribeAsync(_ec2, instanceType, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudProviderException ex) when (builtIn is not null)
        {
            LogFallback(_logger, instanceType, ex.Message);
            lock (_lock)
            {
                _cache[instanceType] = new Entry(builtIn, FromEc2: false, Failures: 1, Timer: null);
                Schedule(instanceType, FirstRetry);
            }

            return builtIn;
        }
        catch (CloudProviderException ex)
        {
            throw NotKnown(instanceType, ex);
        }

        lock (_lock)
        {
            _cache[instanceType] = new Entry(limits, FromEc2: true, Failures: 0, Timer: null);
        }

        return limits;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var entry in _cache.Values)
            {
                entry.Timer?.Dispose();
            }
        }

        _stopping.Cancel();
        _stopping.Dispose();
    }

    // Called under _lock. IMDS-only mode never asks EC2, so nothing is scheduled there.
    private void Schedule(string instanceType, TimeSpan delay)
    {
        if (_ec2 is null || _disposed)
        {
            return;
        }

        var timer = _time.CreateTimer(
            static state =>
            {
                var (source, type) = ((InstanceLimitsSource, string))state!;
                source.StartRefresh(type);
            },
            (this, instanceType),
            delay,
            Timeout.InfiniteTimeSpan);
        _cache[instanceType] = _cache[instanceType] with { Timer = timer };
    }

    private void StartRefresh(string instanceType)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _lastRefresh = RefreshAsync(instanceType);
        }
    }

    private async Task RefreshAsync(string instanceType)
    {
        await Task.Yield();
        InstanceTypeLimits fresh;
        try
        {
            fresh = await DescribeAsync(_ec2!, instanceType, _stopping.Token).ConfigureAwait(false);
        }
        catch (CloudProviderException ex)
        {
            lock (_lock)
            {
                var entry = _cache[instanceType];
                entry.Timer?.Dispose();
                var failures = entry.Failures + 1;
                var delay = TimeSpan.FromTicks(Math.Min(MaxRetry.Ticks, FirstRetry.Ticks << Math.Min(failures - 1, 10)));
                _cache[instanceType] = entry with { Failures = failures, Timer = null };
                LogRefreshFailed(_logger, instanceType, delay.TotalSeconds, ex.Message);
                Schedule(instanceType, delay);
            }

            return;
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            return; // disposed: the provider is going away
        }

        InstanceTypeLimits table;
        lock (_lock)
        {
            var entry = _cache[instanceType];
            entry.Timer?.Dispose();
            table = entry.Limits;
            _cache[instanceType] = new Entry(fresh, FromEc2: true, Failures: 0, Timer: null);
        }

        if (!SameLimits(table, fresh))
        {
            LogDiffers(
                _logger, instanceType, fresh.MaxInterfaces, fresh.IPv4PerInterface, fresh.VCpus, fresh.IsNitro,
                table.MaxInterfaces, table.IPv4PerInterface, table.VCpus, table.IsNitro);
            _onChanged?.Invoke(fresh);
        }
    }

    private static bool SameLimits(InstanceTypeLimits a, InstanceTypeLimits b) =>
        a.MaxInterfaces == b.MaxInterfaces && a.IPv4PerInterface == b.IPv4PerInterface && a.VCpus == b.VCpus && a.IsNitro == b.IsNitro;

    private static async Task<InstanceTypeLimits> DescribeAsync(Ec2Caller ec2, string instanceType, CancellationToken cancellationToken)
    {
        var response = await ec2.CallAsync(
            "DescribeInstanceTypes",
            "instance type " + instanceType,
            (client, ct) => client.DescribeInstanceTypesAsync(new DescribeInstanceTypesRequest { InstanceTypes = [instanceType] }, ct),
            cancellationToken).ConfigureAwait(false);
        var info = response.InstanceTypes?.FirstOrDefault()
            ?? throw new CloudProviderException(CloudErrorKind.NotFound, "DescribeInstanceTypes", $"instance type {instanceType}: EC2 does not know it");
        var network = info.NetworkInfo
            ?? throw new CloudProviderException(CloudErrorKind.Other, "DescribeInstanceTypes", $"instance type {instanceType}: no networkInfo in the answer");
        var hypervisor = info.Hypervisor?.Value;
        var builtIn = InstanceTypeTable.Find(instanceType);
        return new InstanceTypeLimits(
            instanceType,
            network.MaximumNetworkInterfaces ?? builtIn?.MaxInterfaces ?? 1,
            network.Ipv4AddressesPerInterface ?? builtIn?.IPv4PerInterface ?? 1,
            info.VCpuInfo?.DefaultVCpus ?? builtIn?.VCpus ?? 1,
            hypervisor is null ? builtIn?.IsNitro ?? true : string.Equals(hypervisor, "nitro", StringComparison.OrdinalIgnoreCase));
    }

    private static CloudProviderException NotKnown(string instanceType, Exception? cause) => new(
        CloudErrorKind.NotFound,
        "DescribeInstanceTypes",
        $"instance type {instanceType}: not in the built-in table and EC2 could not be asked{(cause is null ? " (IMDS-only mode)" : ": " + cause.Message)}",
        cause);

    private sealed record Entry(InstanceTypeLimits Limits, bool FromEc2, int Failures, ITimer? Timer);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "DescribeInstanceTypes failed for {InstanceType}; using the built-in limits table: {Error}")]
    private static partial void LogFallback(ILogger logger, string instanceType, string error);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Information, Message = "EC2's limits of {InstanceType} differ from the built-in table: EC2 {Ec2Interfaces} ENIs × {Ec2IPv4} IPv4, {Ec2VCpus} vCPUs, Nitro {Ec2Nitro}; table {TableInterfaces} ENIs × {TableIPv4} IPv4, {TableVCpus} vCPUs, Nitro {TableNitro}. EC2's apply from the next describe")]
    private static partial void LogDiffers(
        ILogger logger, string instanceType, int ec2Interfaces, int ec2IPv4, int ec2VCpus, bool ec2Nitro, int tableInterfaces, int tableIPv4, int tableVCpus, bool tableNitro);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Warning, Message = "Deferred DescribeInstanceTypes for {InstanceType} failed; keeping the built-in limits, asking again in {RetryS} s: {Error}")]
    private static partial void LogRefreshFailed(ILogger logger, string instanceType, double retryS, string error);
}
