namespace Cloudnet.Cni.Network;

/// <summary>What <see cref="IPodNetwork.AttachAsync"/> built: both ends of the veth.</summary>
/// <param name="HostVeth">Host end name.</param>
/// <param name="HostMac">Host end MAC ("aa:bb:…"), the pod's gateway neighbour.</param>
/// <param name="PodMac">Pod end MAC.</param>
/// <param name="Mtu">MTU of the pair as the kernel reports it.</param>
public sealed record PodAttachment(string HostVeth, string HostMac, string PodMac, int Mtu);
