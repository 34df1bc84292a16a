using Cloudnet.Emulator;
using Cloudnet.Emulator.Faults;
using Cloudnet.Emulator.State;
using Cloudnet.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Cloudnet.Providers.Aws.Tests.Limits;

/// <summary>
/// The deferred DescribeInstanceTypes: a known type boots on the built-in table, EC2 is asked once
/// after a jittered delay, and EC2's answer wins. The emulator's m5.large is given 12 addresses per
/// ENI here (the table says 10) so that EC2's answer is visible.
/// </summary>
public sealed class InstanceLimitsRefreshTests : IAsyncLifetime
{
    private const int Seed = 7;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private readonly FakeTimeProvider _time = new();
    private EmulatorHandle _emulator = null!;

    // The provider's first random draw is the refresh delay (no retry has drawn before it).
    private static TimeSpan Delay => TimeSpan.FromTicks((long)(Window.Ticks * new Random(Seed).NextDouble()));

    public async Task InitializeAsync() => _emulator = await AwsTestProvider.StartEmulatorAsync(
        o => o.ExtraInstanceTypes.Add(new InstanceTypeInfo("m5.large", 3, 12, 12, 2, 8192)));

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task Refresh_AfterTheJitteredDelay_AsksOnceAndEc2sLimitsWin()
    {
        var logs = new CapturedLogs();
        using var provider = AwsTestProvider.Create(_emulator, time: _time, random: new Random(Seed), loggerFactory: logs);
        Assert.InRange(Delay, TimeSpan.FromSeconds(2), Window);

        var boot = await provider.DescribeAsync(CancellationToken.None);
        Assert.Equal(29, await provider.MaxPodsAsync(CancellationToken.None));
        _time.Advance(Delay - TimeSpan.FromSeconds(1));
        await provider.LimitsRefresh;
        Assert.Equal(0, DescribeInstanceTypesCalls());

        _time.Advance(TimeSpan.FromSeconds(1));
        await provider.LimitsRefresh;
        var after = await provider.DescribeAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(3));
        await provider.LimitsRefresh;

        Assert.Equal(1, DescribeInstanceTypesCalls());
        Assert.Equal(9, boot.Limits.AddressesPerInterface);   // the table's 10 − 1
        Assert.Equal(11, after.Limits.AddressesPerInterface); // EC2's 12 − 1
        Assert.Equal((3 * 11) + 2, provider.Metrics.MaxPods);  // the metric follows at once
        Assert.Equal((3 * 11) + 2, await provider.MaxPodsAsync(CancellationToken.None));
        var differs = Assert.Single(logs.Events, e => e.EventId == 5011);
        Assert.Equal(LogLevel.Information, differs.Level);
        Assert.Contains("m5.large", differs.Message, StringComparison.Ordinal);
        Assert.Contains("12 IPv4", differs.Message, StringComparison.Ordinal);
        Assert.Contains("10 IPv4", differs.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_Ec2Fails_KeepsTheTableAndAsksAgainLater()
    {
        using var provider = AwsTestProvider.Create(_emulator, time: _time, random: new Random(Seed));
        _emulator.Faults.Set(new FaultSettings
        {
            Rules = [new FaultRule { Action = "DescribeInstanceTypes", ErrorRate = 1, ErrorCode = "UnauthorizedOperation" }],
        });

        await provider.DescribeAsync(CancellationToken.None);
        _time.Advance(Delay);
        await provider.LimitsRefresh;
        var afterFailure = await provider.DescribeAsync(CancellationToken.None);
        var maxPodsAfterFailure = await provider.MaxPodsAsync(CancellationToken.None);
        Assert.Equal(1, DescribeInstanceTypesCalls());

        _emulator.Faults.Clear();
        _time.Advance(TimeSpan.FromMinutes(1));
        await provider.LimitsRefresh;
        var afterRetry = await provider.DescribeAsync(CancellationToken.None);

        Assert.Equal(9, afterFailure.Limits.AddressesPerInterface);
        Assert.Equal(29, maxPodsAfterFailure);
        Assert.Equal(2, DescribeInstanceTypesCalls());
        Assert.Equal(11, afterRetry.Limits.AddressesPerInterface);
    }

    private long DescribeInstanceTypesCalls() =>
        _emulator.Calls.Snapshot().Actions.TryGetValue("DescribeInstanceTypes", out var a) ? a.Calls : 0;
}
