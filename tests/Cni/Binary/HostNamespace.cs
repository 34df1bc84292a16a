using Cloudnet.Testing.Daemon;
using Cloudnet.Testing.Netns;

namespace Cloudnet.Cni.Tests.Binary;

/// <summary>
/// A throwaway namespace standing in for the node: the published binary runs inside it (`ip netns
/// exec`), so every host-side link, route and rule it makes lands here and the real host stays
/// untouched. It has an address of its own on lo, the source of host→pod traffic.
/// </summary>
internal sealed class HostNamespace : IDisposable
{
    public const string HostAddress = "10.255.254.1";

    private HostNamespace(ThrowawayNamespace ns) => Namespace = ns;

    public ThrowawayNamespace Namespace { get; }

    public string Name => Namespace.Name;

    public static string Binary => PublishedBinaries.Locate("cloudnet");

    public static HostNamespace Create()
    {
        var ns = ThrowawayNamespace.Create("cnh");
        ns.Ip("addr", "add", $"{HostAddress}/32", "dev", "lo").EnsureSuccess();
        return new HostNamespace(ns);
    }

    /// <summary>Runs the binary with exactly the given CNI_* variables (null values are left unset) and stdin.</summary>
    public CniRun Run(IReadOnlyDictionary<string, string?> env, string stdin, string? binary = null)
    {
        var args = new List<string> { "netns", "exec", Name, "env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin" };
        args.AddRange(env.Where(kv => kv.Value is not null).Select(kv => $"{kv.Key}={kv.Value}"));
        args.Add(binary ?? Binary);
        var result = Command.Run("ip", args, stdin);
        return new CniRun(result.ExitCode, result.Stdout, result.Stderr);
    }

    /// <summary>Runs <paramref name="command"/> for one attachment.</summary>
    public CniRun Run(string command, string containerId, string? netns, string stdin, string ifName = "eth0", string? cniArgs = null) =>
        Run(new Dictionary<string, string?>
        {
            ["CNI_COMMAND"] = command, ["CNI_CONTAINERID"] = containerId, ["CNI_NETNS"] = netns, ["CNI_IFNAME"] = ifName,
            ["CNI_ARGS"] = cniArgs, ["CNI_PATH"] = "/usr/lib/cni",
        }, stdin);

    /// <summary>Links, addresses, routes (all tables, both families) and rules of the host namespace, as text.</summary>
    /// <remarks>
    /// IPv6 link-local addresses and their routes are left out: the kernel adds them to every link on
    /// its own, some time after the link comes up (once duplicate-address detection finishes).
    /// </remarks>
    public string Snapshot() => string.Join("\n",
        Namespace.Ip("-o", "link", "show").Stdout,
        WithoutLinkLocal(Namespace.Ip("-o", "addr", "show").Stdout),
        Namespace.Ip("-4", "route", "show", "table", "all").Stdout,
        WithoutLinkLocal(Namespace.Ip("-6", "route", "show", "table", "all").Stdout),
        Namespace.Ip("-4", "rule", "show").Stdout,
        Namespace.Ip("-6", "rule", "show").Stdout);

    private static string WithoutLinkLocal(string text) =>
        string.Join("\n", text.Split('\n').Where(line => !line.Contains("fe80::", StringComparison.Ordinal)));

    public void Dispose() => Namespace.Dispose();
}
