namespace Cloudnet.Contract;

/// <summary>
/// The version of the CNI ↔ daemon contract. Every request carries it; the daemon rejects a
/// different value with <c>FailedPrecondition</c>, so a binary and a daemon from different
/// releases fail loudly instead of misreading each other.
/// </summary>
public static class ContractVersion
{
    /// <summary>The value sent in <c>client_version</c>.</summary>
    public const string Current = "cloudnet.ipam.v1/1";
}
