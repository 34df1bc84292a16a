namespace Cloudnet.Dataplane.Nftables;

/// <summary>
/// A whole nftables table to install: <see cref="Body"/> is what goes between the braces of
/// <c>table FAMILY NAME { ... }</c> (chains, sets, maps), in the nft ruleset language.
/// </summary>
/// <param name="Family">The table's family, e.g. <see cref="NftFamily.Inet"/>.</param>
/// <param name="Name">The table's name, e.g. "cloudnet": letters, digits and '_', starting with a letter or '_'.</param>
/// <param name="Body">Chains, sets and maps, e.g. "chain postrouting { type nat hook postrouting priority srcnat; ... }".</param>
public sealed record NftTable(NftFamily Family, string Name, string Body)
{
    /// <summary>"inet cloudnet": the family and name as the nft language writes them.</summary>
    public string Qualified => Qualify(Family, Name);

    /// <summary>"FAMILY NAME" after validating the name.</summary>
    public static string Qualify(NftFamily family, string name)
    {
        ValidateName(name);
        return $"{Keyword(family)} {name}";
    }

    /// <summary>The family as the nft language writes it ("inet").</summary>
    public static string Keyword(NftFamily family) => family switch
    {
        NftFamily.Ip => "ip",
        NftFamily.Ip6 => "ip6",
        NftFamily.Inet => "inet",
        NftFamily.Arp => "arp",
        NftFamily.Bridge => "bridge",
        NftFamily.Netdev => "netdev",
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "unknown nftables family"),
    };

    private static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var valid = (char.IsAsciiLetter(name[0]) || name[0] == '_')
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            && name.Length <= 64;
        if (!valid)
        {
            throw new ArgumentException($"'{name}' is not a valid nftables table name (letters, digits, '_')", nameof(name));
        }
    }
}
