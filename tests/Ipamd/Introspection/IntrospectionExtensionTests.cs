using System.Text.Json;
using Cloudnet.Ipam.Cloud;
using Cloudnet.Ipamd.Introspection;
using Cloudnet.Ipamd.Node;
using Cloudnet.Ipamd.Providers;
using Cloudnet.Ipamd.Tests.Support;
using Cloudnet.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace Cloudnet.Ipamd.Tests.Introspection;

/// <summary>Providers add their own introspection endpoints (bare metal's /v1/bgp) and metrics.</summary>
public sealed class IntrospectionExtensionTests
{
    [Fact]
    public async Task ProviderRegisteredEndpointAndMetric_ServedOnTheirListeners()
    {
        var cloud = new FakeCloudProvider();
        var registry = ProviderRegistry.CreateDefault().Add(new ProviderDefinition
        {
            Name = "extended",
            Register = context =>
            {
                context.Services.AddSingleton<ICloudProvider>(cloud);
                context.Services.AddSingleton<INodeNetwork, NoNodeNetwork>();
                context.Services.AddSingleton(new IntrospectionEndpoint("/v1/extra", (_, _) => Task.FromResult<object?>(new { Sessions = 2 })));
            },
        });

        await using var daemon = await TestDaemon.StartAsync(o => o.Provider = "extended", registry);
        daemon.Get<Ipamd.Metrics.DaemonMetrics>().Registry.CreateGauge("cloudnet_extra_things", "A provider's own metric.").Set(7);
        using var metricsHttp = daemon.MetricsHttp;

        using var extra = JsonDocument.Parse(await daemon.Http.GetStringAsync(new Uri("/v1/extra", UriKind.Relative)));
        var metrics = await metricsHttp.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(2, extra.RootElement.GetProperty("sessions").GetInt32());
        Assert.Contains("cloudnet_extra_things 7", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FakeProvider_ReplyCarriesTheCloudsRoutingFacts()
    {
        var cloud = new FakeCloudProvider(new FakeCloudOptions { Limits = new() { MaxInterfaces = 2, AddressesPerInterface = 3 } });
        await using var daemon = await TestDaemon.StartAsync(
            o => { o.Provider = "fake"; o.WarmPool = new Ipamd.Options.WarmPoolOptions { WarmIPTarget = 4 }; },
            FakeProviders.Registry(cloud));

        var replies = new List<Contract.V1.AddReply>();
        for (var i = 0; i < 4; i++)
        {
            replies.Add(await daemon.Client.AddAsync(Requests.Add("c" + i)));
        }

        var secondary = Assert.Single(replies, r => r.DeviceIndex == 1);
        Assert.Equal(2, secondary.RouteTable);
        Assert.Equal("10.0.0.1", secondary.Gateway);
        Assert.Equal(9001, secondary.Mtu);
        Assert.StartsWith("eni-fake", secondary.InterfaceId, StringComparison.Ordinal);
        Assert.All(replies.Where(r => r.DeviceIndex == 0), r => Assert.Equal(254, r.RouteTable));
        Assert.Equal(["10.0.0.0/24"], secondary.VpcCidrs);
    }

    [Fact]
    public async Task Config_ProviderSuppliesMaxPods_ShownAsMaxPods()
    {
        var cloud = new FakeCloudProvider();
        var registry = ProviderRegistry.CreateDefault().Add(new ProviderDefinition
        {
            Name = "counted",
            MaxPods = (_, _) => Task.FromResult<int?>(29),
            Register = context =>
            {
                context.Services.AddSingleton<ICloudProvider>(cloud);
                context.Services.AddSingleton<INodeNetwork, NoNodeNetwork>();
            },
        });

        await using var daemon = await TestDaemon.StartAsync(o => { o.Provider = "counted"; o.WarmPool = new Ipamd.Options.WarmPoolOptions { MaxPods = 7 }; }, registry);
        using var config = JsonDocument.Parse(await daemon.Http.GetStringAsync(new Uri("/v1/config", UriKind.Relative)));

        Assert.Equal(29, config.RootElement.GetProperty("maxPods").GetInt32());
        Assert.Equal(7, config.RootElement.GetProperty("warmPool").GetProperty("maxPods").GetInt32());
    }
}
