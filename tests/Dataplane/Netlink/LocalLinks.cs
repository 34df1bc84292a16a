using System.Net.NetworkInformation;
using Cloudnet.Dataplane.Netlink;

namespace Cloudnet.Dataplane.Tests.Netlink;

/// <summary>Stand-in NICs for tests: a veth whose peer ("NAME-p") stays in the same namespace.</summary>
internal static class LocalLinks
{
    public static LinkInfo CreateNic(this NetlinkSocket netlink, string name, PhysicalAddress? mac = null, int? mtu = null, bool up = false)
    {
        var link = netlink.CreateVeth(new VethSpec { Name = name, PeerName = name + "-p", Mac = mac, Mtu = mtu, Up = up });
        if (up)
        {
            netlink.SetLinkUp(netlink.GetLink(name + "-p")!.Index);
        }

        return link;
    }
}
