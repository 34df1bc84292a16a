using Amazon.EC2.Model;
using Cloudnet.Emulator;
using Cloudnet.Emulator.Faults;
using Microsoft.Extensions.Time.Testing;

namespace Cloudnet.Providers.Aws.Tests.Emulator;

/// <summary>CallCounter.PerSecond: the per-second request rate a fleet simulation reports as its peak.</summary>
public sealed class CallTimelineTests : Ec2TestBase
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    protected override void Configure(EmulatorOptions options) => options.TimeProvider = _time;

    [Fact]
    public async Task PerSecond_CallsInTwoSeconds_CountedPerSecondWithThrottled()
    {
        Emulator.Faults.Set(new FaultSettings
        {
            Throttling = new ThrottleSettings { Enabled = true, NonMutating = new BucketSettings { Capacity = 2, RefillPerSecond = 0.001 } },
        });
        for (var i = 0; i < 3; i++)
        {
            await DescribeAsync();
        }

        _time.Advance(TimeSpan.FromSeconds(2));
        await DescribeAsync();

        var seconds = Emulator.Calls.PerSecond();
        Assert.Equal(2, seconds.Count);
        Assert.Equal((3L, 1L), (seconds[0].Calls, seconds[0].Throttled));
        Assert.Equal((1L, 1L), (seconds[1].Calls, seconds[1].Throttled));
        Assert.Equal(TimeSpan.FromSeconds(2), seconds[1].Start - seconds[0].Start);
    }

    [Fact]
    public async Task BusiestSecond_BurstAcrossASecondBoundary_CountedInOneWindow()
    {
        _time.Advance(TimeSpan.FromMilliseconds(600));
        for (var i = 0; i < 3; i++)
        {
            await DescribeAsync();
        }

        _time.Advance(TimeSpan.FromMilliseconds(600));
        for (var i = 0; i < 3; i++)
        {
            await DescribeAsync();
        }

        _time.Advance(TimeSpan.FromMilliseconds(1500));
        await DescribeAsync();

        Assert.Equal([3L, 3L, 1L], Emulator.Calls.PerSecond().Select(s => s.Calls));
        Assert.Equal(new Cloudnet.Emulator.Control.CallPeak(6, 0), Emulator.Calls.BusiestSecond());
    }

    [Fact]
    public async Task PerSecond_AfterReset_Empty()
    {
        await DescribeAsync();

        Emulator.Calls.Reset();

        Assert.Empty(Emulator.Calls.PerSecond());
        Assert.Equal(new Cloudnet.Emulator.Control.CallPeak(0, 0), Emulator.Calls.BusiestSecond());
    }

    private async Task DescribeAsync()
    {
        try
        {
            await Ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest { MaxResults = 5 });
        }
        catch (Amazon.EC2.AmazonEC2Exception e) when (e.ErrorCode == "RequestLimitExceeded")
        {
            // Counted as throttled; the timeline is what this test reads.
        }
    }
}
