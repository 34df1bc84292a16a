using System.Diagnostics;
using Cloudnet.Emulator;
using Cloudnet.Emulator.Faults;
using Cloudnet.Ipam.Cloud;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Cloudnet.Providers.Aws.Tests;

public sealed class Ec2CloudProviderResilienceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private EmulatorHandle _emulator = null!;

    public async Task InitializeAsync() => _emulator = await AwsTestProvider.StartEmulatorAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task WarmUpAndChurn_ThirtyPercentThrottledWithLatency_AllSucceedWithinTheTokenBucket()
    {
        const double rate = 20;
        const int burst = 5;
        var clock = Stopwatch.StartNew();
        using var provider = AwsTestProvider.Create(_emulator, o =>
        {
            o.Ec2RequestsPerSecond = rate;
            o.Ec2Burst = burst;
            o.Ec2MaxRetries = 10;
        });
        _emulator.Faults.Set(new FaultSettings
        {
            Seed = 11,
            Rules = [new FaultRule { Action = "*", ErrorRate = 0.3, ErrorCode = "RequestLimitExceeded", LatencyMs = 100 }],
        });

        var first = await provider.CreateInterfaceAsync(CancellationToken.None);
        var second = await provider.CreateInterfaceAsync(CancellationToken.None);
        var churn = Enumerable.Range(0, 8).Select(async worker =>
        {
            var eni = worker % 2 == 0 ? first.Id : second.Id;
            for (var i = 0; i < 3; i++)
            {
                var got = await provider.AssignAddressesAsync(eni, 1, CancellationToken.None);
                await provider.ReleaseAddressesAsync(eni, got, CancellationToken.None);
            }
        });
        await Task.WhenAll(churn);
        await provider.DeleteInterfaceAsync(second.Id, CancellationToken.None);

        var elapsed = clock.Elapsed.TotalSeconds;
        var calls = _emulator.Calls.Snapshot();
        var throttled = calls.Actions.Values.Sum(a => a.Errors);
        output.WriteLine($"{calls.Total} EC2 attempts ({throttled} failed) in {elapsed:F2} s; bucket allows {burst} + {rate}/s");
        Assert.True(throttled > 0, "the fault injection did not fire; the test proves nothing");
        Assert.True(calls.Total <= burst + (rate * elapsed) + 1, $"{calls.Total} attempts in {elapsed:F2} s exceed the token bucket");
        var state = _emulator.State.Snapshot();
        Assert.Equal(2, state.NetworkInterfaces.Count);
        Assert.Empty(state.NetworkInterfaces.Single(n => n.NetworkInterfaceId == first.Id).SecondaryPrivateIpAddresses);
    }

    [Fact]
    public async Task Calls_ApiBroken_CircuitOpensAndCallsStopReachingEc2()
    {
        // The breaker's sampling window (30 s) and break (15 s) run on a fake clock: on a busy machine the
        // real seconds these calls take must not age the create's successes out or close the circuit again.
        using var provider = AwsTestProvider.Create(
            _emulator,
            o =>
            {
                o.Ec2MaxRetries = 0;
                o.BreakerMinimumThroughput = 4;
            },
            new FakeTimeProvider());
        var eni = await provider.CreateInterfaceAsync(CancellationToken.None);
        _emulator.Calls.Reset();
        _emulator.Faults.Set(new FaultSettings { Rules = [new FaultRule { Action = "*", ErrorRate = 1, ErrorCode = "InternalError" }] });

        var errors = new List<CloudProviderException>();
        for (var i = 0; i < 8; i++)
        {
            errors.Add(await Assert.ThrowsAsync<CloudProviderException>(() => provider.AssignAddressesAsync(eni.Id, 1, CancellationToken.None)));
        }

        // The create's successful calls sit in the sampling window too, so the circuit opens after
        // a few more than 4 failures; once open, attempts no longer reach EC2.
        Assert.All(errors, e => Assert.Equal(CloudErrorKind.Transient, e.Kind));
        var reached = _emulator.Calls.Snapshot().Total;
        Assert.InRange(reached, 4, 7);
        Assert.Contains("circuit breaker", errors[^1].Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<CloudProviderException>(() => provider.AssignAddressesAsync(eni.Id, 1, CancellationToken.None));
        Assert.Equal(reached, _emulator.Calls.Snapshot().Total);
    }
}
