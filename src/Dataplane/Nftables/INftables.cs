namespace Cloudnet.Dataplane.Nftables;

/// <summary>
/// nftables for one network namespace, limited to whole tables that cloudnet owns (SNAT, and
/// NetworkPolicy later). Other owners' tables are never touched.
/// </summary>
public interface INftables
{
    /// <summary>
    /// Installs <paramref name="table"/>, replacing any table of the same family and name, in one
    /// transaction: packets see the old table or the new one, never a mix or none. If the new
    /// ruleset is rejected, the old table stays as it was.
    /// </summary>
    /// <exception cref="NftablesException">nft rejected the ruleset; the message carries its error text.</exception>
    void ApplyTable(NftTable table);

    /// <summary>Deletes the table; <see cref="Netlink.DeleteOutcome.AlreadyGone"/> when it does not exist.</summary>
    Netlink.DeleteOutcome DeleteTable(NftFamily family, string name);

    /// <summary>The table in nft's JSON format (<c>nft -j list table</c>), or null when it does not exist.</summary>
    string? ListTableJson(NftFamily family, string name);

    /// <summary>
    /// Runs nft commands as one transaction (e.g. "add element inet cloudnet peers { 10.0.0.5 }")
    /// and returns nft's output (JSON when <paramref name="json"/>).
    /// </summary>
    /// <exception cref="NftablesException">nft rejected the commands.</exception>
    string Execute(string commands, bool json = false);
}
