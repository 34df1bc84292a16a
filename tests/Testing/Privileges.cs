namespace Cloudnet.Testing;

/// <summary>Whether kernel-facing tests can run here.</summary>
public static class Privileges
{
    /// <summary>True when the effective uid is 0.</summary>
    public static bool IsRoot { get; } = Environment.UserName == "root" || geteuid() == 0;

    /// <summary>The printed skip reason for privileged tests.</summary>
    public const string NotRootReason =
        "needs root (network namespaces, veths, policy routing, nftables); CI runs as root — run with sudo make test";

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = false)]
    private static extern uint geteuid();
}
