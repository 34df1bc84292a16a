namespace Cloudnet.Ipamd.Providers.Local;

/// <summary>
/// What the local "cloud" has handed out, kept in &lt;state dir&gt;/local-pool.json so a restart
/// finds the same interfaces and addresses (as a real cloud would). Entries whose CIDR no
/// longer matches CLOUDNET_POOL_CIDRS are ignored.
/// </summary>
internal sealed record LocalPoolState
{
    public IReadOnlyList<LocalInterfaceState> Interfaces { get; init; } = [];
}

/// <summary>One attached local interface and the addresses assigned to it.</summary>
internal sealed record LocalInterfaceState(string Cidr, IReadOnlyList<string> Addresses);
