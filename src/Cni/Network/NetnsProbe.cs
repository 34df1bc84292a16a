namespace Cloudnet.Cni.Network;

/// <summary>What <see cref="IPodNetwork.ProbeAsync"/> found.</summary>
public enum NetnsProbe
{
    /// <summary>The namespace exists and the interface name is free.</summary>
    Ready,

    /// <summary>The namespace path does not exist or is not a network namespace.</summary>
    NetnsMissing,

    /// <summary>An interface with the requested name already exists in the namespace.</summary>
    IfNameTaken,
}
