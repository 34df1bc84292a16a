namespace Cloudnet.Ipam.Tests.Planning;

/// <summary>Which planner a generated scenario exercises.</summary>
public enum PlanMode
{
    /// <summary>Secondary addresses, WARM_ENI_TARGET.</summary>
    WarmEni,

    /// <summary>Secondary addresses, WARM_IP_TARGET / MINIMUM_IP_TARGET.</summary>
    WarmIP,

    /// <summary>Prefix delegation, any targets.</summary>
    Prefix,
}
