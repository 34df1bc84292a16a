namespace Cloudnet.Cni.Network;

/// <summary>
/// Turns on IP forwarding in the namespace the process runs in (pods reach each other and the
/// world only through the host). /proc/sys/net is per network namespace: it shows the values of
/// the namespace of the process that opens it.
/// </summary>
public static class ProcSysForwarding
{
    /// <summary>Enables forwarding for "ipv4" (net.ipv4.ip_forward) or "ipv6" (net.ipv6.conf.all.forwarding).</summary>
    public static Forwarding Enable(string family)
    {
        var path = family == "ipv6" ? "/proc/sys/net/ipv6/conf/all/forwarding" : "/proc/sys/net/ipv4/ip_forward";
        if (File.ReadAllText(path).Trim() == "1")
        {
            return Forwarding.AlreadyOn;
        }

        File.WriteAllText(path, "1");
        return Forwarding.Enabled;
    }
}
