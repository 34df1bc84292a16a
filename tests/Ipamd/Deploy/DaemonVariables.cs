using Cloudnet.Ipamd.Options;
using Cloudnet.Ipamd.Providers;

namespace Cloudnet.Ipamd.Tests.Deploy;

/// <summary>
/// What the daemon reads from its environment, found by running its own option binders (as
/// Program.cs does) against a configuration that records each key asked for: nothing to keep in
/// step by hand when a variable is added.
/// </summary>
public static class DaemonVariables
{
    /// <summary>Every variable the daemon reads when CLOUDNET_PROVIDER is <paramref name="provider"/>.</summary>
    public static IReadOnlySet<string> ReadBy(string provider) => Validate(new Dictionary<string, string?> { [EnvironmentNames.Provider] = provider }).Read;

    /// <summary>The problems the daemon would report for <paramref name="environment"/> (empty: it starts), and the keys it read.</summary>
    public static (IReadOnlyList<string> Problems, IReadOnlySet<string> Read) Validate(IReadOnlyDictionary<string, string?> environment)
    {
        var configuration = new RecordingConfiguration(environment);
        var read = DaemonOptionsReader.Read(configuration);
        var problems = read.Errors.Concat(ProviderRegistry.CreateDefault().Validate(read.Options, configuration)).ToList();
        return (problems, configuration.Read);
    }

    /// <summary>The daemon's options from <paramref name="environment"/>.</summary>
    public static DaemonOptions Options(IReadOnlyDictionary<string, string?> environment) =>
        DaemonOptionsReader.Read(new RecordingConfiguration(environment)).Options;
}
