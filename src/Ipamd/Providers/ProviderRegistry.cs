using Cloudnet.Ipamd.Options;
using Cloudnet.Ipamd.Providers.Local;
using Microsoft.Extensions.Configuration;

namespace Cloudnet.Ipamd.Providers;

/// <summary>
/// Maps CLOUDNET_PROVIDER to a <see cref="ProviderDefinition"/>.
/// </summary>
/// <remarks>
/// Adding a provider: write a static factory returning its <see cref="ProviderDefinition"/> in a
/// file the provider's owner keeps (the AWS provider: src/Ipamd/Node/Eni*.cs; bare metal:
/// src/Ipamd/Bgp/*.cs), reference its project from Cloudnet.Ipamd.csproj, and add one line to
/// <see cref="CreateDefault"/>. Nothing else in the daemon changes: the reconciler, the datastore and
/// the gRPC service only see ICloudProvider and INodeNetwork.
/// </remarks>
public sealed class ProviderRegistry
{
    private readonly SortedDictionary<string, ProviderDefinition> _definitions = new(StringComparer.Ordinal);

    /// <summary>The providers this build knows.</summary>
    public static ProviderRegistry CreateDefault()
    {
        var registry = new ProviderRegistry();
        registry.Add(LocalProvider.Definition());
        registry.Add(Node.EniProvider.Definition());
        registry.Add(Bgp.BareMetalProvider.Definition());
        return registry;
    }

    /// <summary>Names of the known providers, sorted.</summary>
    public IReadOnlyCollection<string> Names => _definitions.Keys;

    /// <summary>Adds or replaces a definition (tests replace "local" with a fake cloud).</summary>
    public ProviderRegistry Add(ProviderDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        _definitions[definition.Name] = definition;
        return this;
    }

    /// <summary>The definition for <paramref name="name"/>, or null.</summary>
    public ProviderDefinition? Find(string name) => _definitions.GetValueOrDefault(name);

    /// <summary>Options problems plus the chosen provider's own; an unknown provider lists the known ones.</summary>
    public IReadOnlyList<string> Validate(DaemonOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        var definition = Find(options.Provider);
        if (definition is null)
        {
            return [$"{EnvironmentNames.Provider}: '{options.Provider}' is not a known provider (known: {string.Join(", ", Names)})"];
        }

        return [.. definition.Validate(options, configuration)];
    }
}
