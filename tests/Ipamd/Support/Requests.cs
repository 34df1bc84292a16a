using Cloudnet.Contract;
using Cloudnet.Contract.V1;

namespace Cloudnet.Ipamd.Tests.Support;

/// <summary>Request builders with valid defaults.</summary>
public static class Requests
{
    public const string Network = "cloudnet";

    /// <summary>A netns path whose directory does not exist: the daemon cannot tell it is gone, so it keeps the allocation.</summary>
    public const string UnknownNetns = "/nonexistent-netns-dir/pod";

    public static AttachmentKey Key(string containerId, string ifName = "eth0", string network = Network) =>
        new() { NetworkName = network, ContainerId = containerId, IfName = ifName };

    public static AddRequest Add(string containerId, string ifName = "eth0", string netns = UnknownNetns, string network = Network) => new()
    {
        ClientVersion = ContractVersion.Current,
        Key = Key(containerId, ifName, network),
        Netns = netns,
        Pod = new PodInfo { Namespace = "default", Name = "pod-" + containerId },
    };

    public static DelRequest Del(string containerId, string ifName = "eth0", string network = Network) => new()
    {
        ClientVersion = ContractVersion.Current,
        Key = Key(containerId, ifName, network),
    };

    public static CheckRequest Check(string containerId, string ifName = "eth0") => new()
    {
        ClientVersion = ContractVersion.Current,
        Key = Key(containerId, ifName),
    };

    public static StatusRequest Status() => new() { ClientVersion = ContractVersion.Current };
}
