using System.Globalization;
using System.Net;
using System.Security.Cryptography;

namespace Cloudnet.Testing.Netns;

/// <summary>
/// A named network namespace for one test (<c>ip netns add cnt-xxxxxxxx</c>), with loopback up.
/// Dispose kills any process left inside and deletes it; the kernel then removes every link,
/// address, route and rule in it (a veth's peer in another namespace goes too). Close every
/// handle and netlink socket opened into it first, or the namespace outlives the test.
/// </summary>
public sealed class ThrowawayNamespace : IDisposable
{
    private const string NetnsDirectory = "/run/netns";
    private bool _disposed;

    private ThrowawayNamespace(string name)
    {
        Name = name;
        Path = $"{NetnsDirectory}/{name}";
    }

    /// <summary>The namespace name, e.g. "cnt-1a2b3c4d" (usable with <c>ip netns exec</c>).</summary>
    public string Name { get; }

    /// <summary>The namespace file, e.g. "/run/netns/cnt-1a2b3c4d" (a CNI_NETNS value).</summary>
    public string Path { get; }

    /// <summary>Creates a namespace named <paramref name="prefix"/>-&lt;8 random hex digits&gt; with lo up.</summary>
    public static ThrowawayNamespace Create(string prefix = "cnt")
    {
        var suffix = RandomNumberGenerator.GetHexString(8, lowercase: true);
        var name = $"{prefix}-{suffix}";
        Command.Run("ip", "netns", "add", name).EnsureSuccess();
        var created = new ThrowawayNamespace(name);
        try
        {
            created.Ip("link", "set", "lo", "up").EnsureSuccess();
            return created;
        }
        catch
        {
            created.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="command"/> inside the namespace (<c>ip netns exec NAME ...</c>).</summary>
    public CommandResult Exec(params string[] command) =>
        Command.Run("ip", ["netns", "exec", Name, .. command]);

    /// <summary>Runs <c>ip -n NAME ...</c>, e.g. <c>Ip("route", "show", "table", "all")</c>.</summary>
    public CommandResult Ip(params string[] arguments) => Command.Run("ip", ["-n", Name, .. arguments]);

    /// <summary>
    /// Pings from inside the namespace, one echo every 0.2 s, until one is answered (true) or
    /// <paramref name="waitSeconds"/> pass (false). Several probes, so a first echo lost to a link
    /// that has only just come up does not count as unreachable.
    /// </summary>
    public bool Ping(IPAddress destination, int waitSeconds = 3)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var ping = Exec(
            "ping", destination.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "-6" : "-4",
            "-c", "1",
            "-i", "0.2",
            "-w", waitSeconds.ToString(CultureInfo.InvariantCulture),
            destination.ToString());
        return ping.Succeeded;
    }

    /// <summary>Kills processes left inside and deletes the namespace. Safe to call twice.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        var pids = Command.Run("ip", "netns", "pids", Name);
        foreach (var pid in pids.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Command.Run("kill", "-9", pid);
        }

        Command.Run("ip", "netns", "delete", Name);
    }

    /// <inheritdoc />
    public override string ToString() => Path;
}
