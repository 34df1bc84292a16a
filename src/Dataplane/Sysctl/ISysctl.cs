namespace Cloudnet.Dataplane.Sysctl;

/// <summary>
/// Kernel network parameters (/proc/sys/net) of one network namespace. Keys use the slash form
/// of the /proc path, "net/ipv4/conf/eth0/rp_filter", or the dotted sysctl(8) form
/// "net.ipv4.ip_forward" when no part contains a dot (interface names such as "eth0.100" do:
/// use slashes for those). <see cref="SysctlKeys"/> builds the common ones.
/// </summary>
public interface ISysctl
{
    /// <summary>The current value, trimmed (e.g. "1").</summary>
    /// <exception cref="SysctlException">The key does not exist or cannot be read.</exception>
    string Read(string key);

    /// <summary>Sets the value.</summary>
    /// <exception cref="SysctlException">The key does not exist or the kernel refused the value.</exception>
    void Write(string key, string value);
}
