using Cloudnet.Ipam.Cloud;
using Cloudnet.Ipamd.Node;
using Cloudnet.Ipamd.Providers;
using Cloudnet.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace Cloudnet.Ipamd.Tests.Support;

/// <summary>A provider registry whose "fake" provider is the given fake cloud.</summary>
public static class FakeProviders
{
    public static ProviderRegistry Registry(FakeCloudProvider cloud, INodeNetwork? node = null) =>
        ProviderRegistry.CreateDefault().Add(new ProviderDefinition
        {
            Name = "fake",
            Description = "stateful fake cloud",
            DefaultMtu = 9001,
            Register = context =>
            {
                context.Services.AddSingleton<ICloudProvider>(cloud);
                context.Services.AddSingleton(node ?? new NoNodeNetwork());
            },
        });
}
