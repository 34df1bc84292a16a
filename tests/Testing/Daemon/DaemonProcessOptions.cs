namespace Cloudnet.Testing.Daemon;

/// <summary>How <see cref="DaemonProcess"/> starts the published daemon. Every default is private to the test.</summary>
public sealed class DaemonProcessOptions
{
    /// <summary>CLOUDNET_POOL_CIDRS for the local provider. Default "10.244.0.0/24".</summary>
    public string PoolCidrs { get; set; } = "10.244.0.0/24";

    /// <summary>State directory; default a fresh directory under /tmp, removed on dispose.</summary>
    public string? StateDir { get; set; }

    /// <summary>Socket path; default &lt;private dir&gt;/ipamd.sock.</summary>
    public string? SocketPath { get; set; }

    /// <summary>Extra environment variables (CLOUDNET_PROVIDER, WARM_IP_TARGET, …); they win over the defaults above.</summary>
    public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Wait for /readyz 200 before returning. Default true.</summary>
    public bool WaitForReady { get; set; } = true;

    /// <summary>How long to wait for readiness. Default 60 s (a loaded CI machine starts .NET slowly).</summary>
    public TimeSpan ReadyTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The daemon binary; default &lt;repo&gt;/out/bin/cloudnet-ipamd.</summary>
    public string? BinaryPath { get; set; }

    /// <summary>Network namespace to run the daemon in (`ip netns exec NAME`), or null for the current one.</summary>
    public string? NetworkNamespace { get; set; }
}
