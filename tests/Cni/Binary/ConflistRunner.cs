using System.Text.Json.Nodes;
using Cloudnet.Testing.Netns;

namespace Cloudnet.Cni.Tests.Binary;

/// <summary>
/// Executes a conflist the way libcni does (spec section 3): ADD runs the plugins in order, each
/// given the previous plugin's result as prevResult and the list's name and cniVersion; DEL runs
/// them in reverse with the final ADD result. Capability args are passed as runtimeConfig.
/// </summary>
internal sealed class ConflistRunner(HostNamespace host, string conflist, string pluginDirs)
{
    private readonly JsonObject _list = JsonNode.Parse(conflist)!.AsObject();

    public JsonObject? RuntimeConfig { get; init; }

    /// <summary>Runs ADD through every plugin; returns the final result text, or the first failing run.</summary>
    public (string? Result, CniRun? Failure) Add(string containerId, string netns, string ifName = "eth0")
    {
        string? prev = null;
        foreach (var plugin in Plugins())
        {
            var run = Exec(plugin, "ADD", containerId, netns, ifName, prev);
            if (run.ExitCode != 0)
            {
                return (null, run);
            }

            prev = run.Stdout;
        }

        return (prev, null);
    }

    /// <summary>Runs CHECK (in order) or DEL (in reverse) with the ADD result as prevResult; returns the failures.</summary>
    public IReadOnlyList<CniRun> Run(string command, string containerId, string netns, string? addResult, string ifName = "eth0", string? skipType = null)
    {
        var plugins = Plugins().Where(p => p["type"]!.GetValue<string>() != skipType).ToList();
        if (command == "DEL")
        {
            plugins.Reverse();
        }

        return [.. plugins.Select(p => Exec(p, command, containerId, netns, ifName, addResult)).Where(r => r.ExitCode != 0)];
    }

    private List<JsonObject> Plugins() => [.. _list["plugins"]!.AsArray().Select(p => p!.AsObject())];

    private CniRun Exec(JsonObject plugin, string command, string containerId, string netns, string ifName, string? prev)
    {
        var config = (JsonObject)plugin.DeepClone();
        config["name"] = _list["name"]!.DeepClone();
        config["cniVersion"] = _list["cniVersion"]!.DeepClone();
        if (config["capabilities"] is JsonObject caps)
        {
            config.Remove("capabilities");
            if (RuntimeConfig is not null)
            {
                var runtime = new JsonObject();
                foreach (var (key, value) in RuntimeConfig)
                {
                    if (caps[key]?.GetValue<bool>() == true)
                    {
                        runtime[key] = value?.DeepClone();
                    }
                }

                config["runtimeConfig"] = runtime;
            }
        }

        if (prev is not null)
        {
            config["prevResult"] = JsonNode.Parse(prev);
        }

        var type = config["type"]!.GetValue<string>();
        var binary = pluginDirs.Split(':').Select(d => Path.Combine(d, type)).FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"plugin {type} not found in {pluginDirs}");
        return host.Run(new Dictionary<string, string?>
        {
            ["CNI_COMMAND"] = command, ["CNI_CONTAINERID"] = containerId, ["CNI_NETNS"] = netns, ["CNI_IFNAME"] = ifName,
            ["CNI_PATH"] = pluginDirs,
        }, config.ToJsonString(), binary);
    }
}
