using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Dataplane.Netlink;

/// <summary>
/// A policy-routing rule (RTM_NEWRULE), e.g. "from 10.0.1.7 lookup 3" at priority 1536.
/// Fields left null match anything. The family is taken from <see cref="From"/> or
/// <see cref="To"/> when set, else <see cref="Family"/>.
/// </summary>
public sealed record Rule
{
    private readonly AddressFamily _family = AddressFamily.InterNetwork;

    /// <summary>Address family when neither From nor To is set. Default IPv4.</summary>
    public AddressFamily Family
    {
        get => From?.Family ?? To?.Family ?? _family;
        init => _family = value;
    }

    /// <summary>Rule priority (FRA_PRIORITY): lower runs first. Null lets the kernel choose (only on add).</summary>
    public int? Priority { get; init; }

    /// <summary>Source prefix to match ("from").</summary>
    public Cidr? From { get; init; }

    /// <summary>Destination prefix to match ("to").</summary>
    public Cidr? To { get; init; }

    /// <summary>Firewall mark to match (FRA_FWMARK).</summary>
    public uint? FwMark { get; init; }

    /// <summary>Mask applied to the packet mark before comparing (FRA_FWMASK).</summary>
    public uint? FwMask { get; init; }

    /// <summary>Input interface name to match ("iif").</summary>
    public string? IifName { get; init; }

    /// <summary>Output interface name to match ("oif").</summary>
    public string? OifName { get; init; }

    /// <summary>Route table to look up (FRA_TABLE, ids above 255 work). Default 254 (main).</summary>
    public int Table { get; init; } = 254;

    /// <summary>Action on match. Default <see cref="RuleAction.ToTable"/>.</summary>
    public RuleAction Action { get; init; } = RuleAction.ToTable;

    /// <summary>Invert the match ("not").</summary>
    public bool Invert { get; init; }

    /// <summary>Installer tag (FRA_PROTOCOL). Default cloudnet; on delete, Unspecified matches any.</summary>
    public RouteProtocol Protocol { get; init; } = RouteProtocol.Cloudnet;

    /// <summary>Equal when every property is (the family as derived, not as initialised).</summary>
    public bool Equals(Rule? other) =>
        other is not null
        && Family == other.Family
        && Priority == other.Priority
        && From == other.From
        && To == other.To
        && FwMark == other.FwMark
        && FwMask == other.FwMask
        && IifName == other.IifName
        && OifName == other.OifName
        && Table == other.Table
        && Action == other.Action
        && Invert == other.Invert
        && Protocol == other.Protocol;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Family, Priority, From, To, FwMark, Table, Action, Protocol);

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        if (Priority is { } priority)
        {
            text.Append(priority.ToString(CultureInfo.InvariantCulture)).Append(": ");
        }

        text.Append(Invert ? "not " : string.Empty).Append("from ").Append(From?.ToString() ?? "all");
        if (To is { } to)
        {
            text.Append(" to ").Append(to);
        }

        if (FwMark is { } mark)
        {
            text.Append(" fwmark 0x").Append(mark.ToString("x", CultureInfo.InvariantCulture));
            if (FwMask is { } mask)
            {
                text.Append("/0x").Append(mask.ToString("x", CultureInfo.InvariantCulture));
            }
        }

        if (IifName is not null)
        {
            text.Append(" iif ").Append(IifName);
        }

        if (OifName is not null)
        {
            text.Append(" oif ").Append(OifName);
        }

        return Action == RuleAction.ToTable
            ? text.Append(" lookup ").Append(Table.ToString(CultureInfo.InvariantCulture)).ToString()
            : text.Append(' ').Append(Action.ToString().ToLowerInvariant()).ToString();
    }
}
