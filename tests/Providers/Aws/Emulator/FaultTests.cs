using System.Net;
using Amazon.EC2.Model;
using Cloudnet.Emulator;
using Cloudnet.Emulator.Faults;

namespace Cloudnet.Providers.Aws.Tests.Emulator;

public sealed class FaultTests : Ec2TestBase
{
    private readonly TimerCountingTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    protected override void Configure(EmulatorOptions options) => options.TimeProvider = _time;

    [Fact]
    public async Task Throttling_MutatingBucketEmpty_RequestLimitExceeded503UntilRefill()
    {
        Emulator.Faults.Set(new FaultSettings
        {
            Throttling = new ThrottleSettings { Enabled = true, Mutating = new BucketSettings { Capacity = 2, RefillPerSecond = 1 } },
        });
        var eni = await CreateEniAsync();
        await CreateTagAsync(eni.NetworkInterfaceId);
        await CreateTagAsync(eni.NetworkInterfaceId);

        var e = await FailsAsync(() => CreateTagAsync(eni.NetworkInterfaceId));
        var describeStillServed = await Ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest { MaxResults = 5 });
        _time.Advance(TimeSpan.FromSeconds(1));
        await CreateTagAsync(eni.NetworkInterfaceId);

        Assert.Equal("RequestLimitExceeded", e.ErrorCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, e.StatusCode);
        Assert.NotEmpty(describeStillServed.NetworkInterfaces);
        var calls = Emulator.Calls.Of("CreateTags");
        Assert.Equal((4L, 1L, 1L), (calls.Calls, calls.Errors, calls.Throttled));
    }

    [Fact]
    public async Task Throttling_BucketPerApi_OtherMutatingApiUnaffected()
    {
        Emulator.Faults.Set(new FaultSettings
        {
            Throttling = new ThrottleSettings { Enabled = true, Mutating = new BucketSettings { Capacity = 1, RefillPerSecond = 1 } },
        });
        var eni = await CreateEniAsync();

        await CreateTagAsync(eni.NetworkInterfaceId);
        var again = await FailsAsync(() => CreateTagAsync(eni.NetworkInterfaceId));
        await Ec2.DeleteTagsAsync(new DeleteTagsRequest { Resources = [eni.NetworkInterfaceId], Tags = [new Tag { Key = "k" }] });

        Assert.Equal("RequestLimitExceeded", again.ErrorCode);
    }

    [Fact]
    public async Task ErrorRule_RateOne_EveryCallOfThatActionFailsWithCode()
    {
        Emulator.Faults.Set(new FaultSettings
        {
            Rules = [new FaultRule { Action = "CreateNetworkInterface", ErrorRate = 1, ErrorCode = "InsufficientFreeAddressesInSubnet" }],
        });

        var e = await FailsAsync(() => CreateEniAsync());
        var describe = await Ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest());

        Assert.Equal("InsufficientFreeAddressesInSubnet", e.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
        Assert.Single(describe.NetworkInterfaces);
    }

    [Fact]
    public async Task ErrorRule_SameSeed_SameCallsFail()
    {
        async Task<string> PatternAsync()
        {
            Emulator.Faults.Set(new FaultSettings { Seed = 42, Rules = [new FaultRule { ErrorRate = 0.5, ErrorCode = "InternalError" }] });
            var pattern = new System.Text.StringBuilder();
            for (var i = 0; i < 24; i++)
            {
                try
                {
                    await Ec2.DescribeVpcsAsync(new DescribeVpcsRequest());
                    pattern.Append('.');
                }
                catch (Amazon.EC2.AmazonEC2Exception e) when (e.ErrorCode == "InternalError")
                {
                    Assert.Equal(HttpStatusCode.InternalServerError, e.StatusCode);
                    pattern.Append('x');
                }
            }

            return pattern.ToString();
        }

        var first = await PatternAsync();
        var second = await PatternAsync();

        Assert.Equal(first, second);
        Assert.Contains('x', first);
        Assert.Contains('.', first);
    }

    [Fact]
    public async Task Latency_CallHeldUntilClockAdvances()
    {
        Emulator.Faults.Set(new FaultSettings { Rules = [new FaultRule { Action = "DescribeVpcs", LatencyMs = 100 }] });

        var call = Ec2.DescribeVpcsAsync(new DescribeVpcsRequest());
        // The clock moves only once the emulator holds the call (its latency delay is the only timer on
        // this clock): on a busy machine the request can take seconds to arrive, and a clock moved
        // before then would be spent before the delay even started.
        await WaitUntilAsync(() => _time.TimersCreated > 0 || call.IsCompleted);
        // Real time passes but the emulator's clock does not: a call held by injected latency cannot finish.
        await Task.Delay(200);
        var heldBeforeAdvance = !call.IsCompleted;
        var advancedMs = 0;
        // Until the emulator has let the call through (it counts it right after the delay), not until
        // the SDK has the answer: the answer's real-time trip must not push the clock on.
        while (Emulator.Calls.Of("DescribeVpcs").Calls == 0 && advancedMs < 10_000)
        {
            _time.Advance(TimeSpan.FromMilliseconds(25));
            advancedMs += 25;
            await Task.Delay(10);
        }

        var response = await call;

        Assert.True(heldBeforeAdvance);
        Assert.InRange(advancedMs, 100, 9_999);
        Assert.Single(response.Vpcs);
    }

    [Fact]
    public void Set_RateAboveOne_Rejected()
    {
        Assert.Throws<ArgumentException>(() => Emulator.Faults.Set(new FaultSettings { Rules = [new FaultRule { ErrorRate = 1.5 }] }));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (!condition())
        {
            await Task.Delay(10, deadline.Token);
        }
    }

    private Task<CreateTagsResponse> CreateTagAsync(string id) =>
        Ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [id], Tags = [new Tag("k", "v")] });
}
