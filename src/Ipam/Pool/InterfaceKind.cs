namespace Cloudnet.Ipam.Pool;

/// <summary>What backs a pool interface.</summary>
public enum InterfaceKind
{
    /// <summary>A node-local CIDR of the embedded <c>local</c> provider.</summary>
    Local,

    /// <summary>An AWS elastic network interface.</summary>
    Eni,

    /// <summary>An Azure NIC.</summary>
    Nic,

    /// <summary>A routed block of a bare-metal cluster pool.</summary>
    Block,
}
