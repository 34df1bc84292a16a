namespace Cloudnet.Cni.Network;

/// <summary>What enabling forwarding did.</summary>
public enum Forwarding
{
    /// <summary>It was already on.</summary>
    AlreadyOn,

    /// <summary>It was off and is on now.</summary>
    Enabled,
}
