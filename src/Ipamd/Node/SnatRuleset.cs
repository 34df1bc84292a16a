using System.Globalization;
using System.Net;
using System.Text;
using Cloudnet.Dataplane.Nftables;
using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Ipamd.Node;

/// <summary>
/// The node's nftables table for SNAT and NodePort connmark, as text (pure: golden-tested).
/// <list type="bullet">
/// <item>NodePort: connections that arrive on the primary ENI for a local address get the mark bit
/// in their conntrack mark; packets of those connections coming back from pods get it restored
/// into the packet mark, and the rule <c>fwmark MARK lookup main</c> sends the replies out by the
/// primary ENI instead of the pod's own ENI table (AWS VPC CNI's AWS_VPC_CNI_NODE_PORT_SUPPORT).</item>
/// <item>SNAT (unless external SNAT): pod packets to destinations outside the VPC CIDRs and the
/// excluded CIDRs get the mark bit too, so they leave by the primary ENI even when the pod's address
/// lives on a secondary ENI, and are SNATed there to the primary address with a random port
/// (as AWS VPC CNI's --random-fully default).</item>
/// </list>
/// </summary>
public static class SnatRuleset
{
    /// <summary>Builds the table.</summary>
    /// <param name="settings">Mark, table name, external SNAT, excluded CIDRs.</param>
    /// <param name="primaryLink">Name of the primary ENI's link ("eth0").</param>
    /// <param name="primaryAddress">The primary ENI's primary address (the SNAT source).</param>
    /// <param name="eniLinks">Names of every ENI link, the primary included (pods' veths are the others).</param>
    /// <param name="vpcCidrs">The VPC's CIDRs.</param>
    public static NftTable Build(EniNetworkSettings settings, string primaryLink, IPAddress primaryAddress, IReadOnlyCollection<string> eniLinks, IReadOnlyCollection<Cidr> vpcCidrs)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(primaryAddress);
        ArgumentNullException.ThrowIfNull(eniLinks);
        ArgumentNullException.ThrowIfNull(vpcCidrs);
        var mark = "0x" + settings.Mark.ToString("x8", CultureInfo.InvariantCulture);
        var notEni = "iifname != { " + string.Join(", ", eniLinks.Order(StringComparer.Ordinal).Select(Quote)) + " }";
        var noSnat = vpcCidrs.Concat(settings.ExcludeSnatCidrs)
            .Where(c => c.Family == System.Net.Sockets.AddressFamily.InterNetwork)
            .Distinct()
            .OrderBy(c => Cidr.ToValue(c.Network))
            .ThenBy(c => c.PrefixLength)
            .ToList();

        var body = new StringBuilder();
        body.Append("\tset no_snat {\n\t\ttype ipv4_addr\n\t\tflags interval\n\t\tauto-merge\n");
        if (noSnat.Count > 0)
        {
            body.Append("\t\telements = { ").AppendJoin(", ", noSnat).Append(" }\n");
        }

        body.Append("\t}\n\n");
        body.Append("\tchain prerouting {\n\t\ttype filter hook prerouting priority mangle; policy accept;\n");
        body.Append(CultureInfo.InvariantCulture, $"\t\tiifname {Quote(primaryLink)} fib daddr type local ct mark set ct mark | {mark}\n");
        body.Append(CultureInfo.InvariantCulture, $"\t\t{notEni} ct mark & {mark} == {mark} meta mark set meta mark | {mark}\n");
        if (!settings.ExternalSnat)
        {
            body.Append(CultureInfo.InvariantCulture, $"\t\t{notEni} ip daddr != @no_snat fib daddr type != local meta mark set meta mark | {mark}\n");
        }

        body.Append("\t}\n");
        if (!settings.ExternalSnat)
        {
            body.Append("\n\tchain postrouting {\n\t\ttype nat hook postrouting priority srcnat; policy accept;\n");
            body.Append(CultureInfo.InvariantCulture, $"\t\toifname {Quote(primaryLink)} ip daddr != @no_snat ip saddr != {primaryAddress} snat to {primaryAddress} fully-random\n");
            body.Append("\t}\n");
        }

        return new NftTable(NftFamily.Ip, settings.NftTableName, body.ToString().TrimEnd('\n'));
    }

    // Interface names are at most 15 bytes of anything but '/', NUL and whitespace; quote them for nft.
    private static string Quote(string name) => "\"" + name.Replace("\"", string.Empty, StringComparison.Ordinal) + "\"";
}
