using System.Net.Sockets;
using Cloudnet.Dataplane.Netlink.Protocol;

namespace Cloudnet.Dataplane.Netlink;

/// <summary>Policy-routing rules: add, delete, list.</summary>
public sealed partial class NetlinkSocket
{
    /// <inheritdoc />
    public void AddRule(Rule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        // NLM_F_EXCL makes the kernel refuse an identical rule with EEXIST instead of adding a twin.
        _connection.Execute(RuleRequest(Rtm.NewRule, Nl.FCreate | Nl.FExcl, rule), $"RTM_NEWRULE {rule}");
    }

    /// <inheritdoc />
    public DeleteOutcome DeleteRule(Rule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return _connection.ExecuteDelete(RuleRequest(Rtm.DelRule, 0, rule), $"RTM_DELRULE {rule}", Interop.Errno.ENOENT);
    }

    /// <inheritdoc />
    public IReadOnlyList<Rule> ListRules(AddressFamily family)
    {
        var request = new MessageBuilder(Rtm.GetRule, 0).FibRule(Headers.Family(family), 0, 0, 0, 0, 0);
        return _connection.Dump(request, "RTM_GETRULE dump").Select(RuleParser.Parse).ToList();
    }

    private static MessageBuilder RuleRequest(ushort type, ushort flags, Rule rule)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rule.Table, nameof(rule));
        if (rule.From is { } from && rule.To is { } to && from.Family != to.Family)
        {
            throw new ArgumentException($"rule mixes families: from {from} to {to}", nameof(rule));
        }

        var request = new MessageBuilder(type, flags).FibRule(
            Headers.Family(rule.Family),
            (byte)(rule.To?.PrefixLength ?? 0),
            (byte)(rule.From?.PrefixLength ?? 0),
            rule.Table < 256 ? (byte)rule.Table : (byte)0,
            (byte)rule.Action,
            rule.Invert ? Fra.FlagInvert : 0);
        if (rule.Priority is { } priority)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(priority, nameof(rule));
            request.U32(Fra.Priority, (uint)priority);
        }

        if (rule.From is { } source)
        {
            request.Address(Fra.Src, source.Network);
        }

        if (rule.To is { } destination)
        {
            request.Address(Fra.Dst, destination.Network);
        }

        if (rule.FwMark is { } mark)
        {
            request.U32(Fra.FwMark, mark);
        }

        if (rule.FwMask is { } mask)
        {
            request.U32(Fra.FwMask, mask);
        }

        if (rule.IifName is not null)
        {
            request.String(Fra.IifName, rule.IifName);
        }

        if (rule.OifName is not null)
        {
            request.String(Fra.OifName, rule.OifName);
        }

        if (rule.Action == RuleAction.ToTable)
        {
            request.U32(Fra.Table, (uint)rule.Table);
        }

        if (rule.Protocol != RouteProtocol.Unspecified)
        {
            request.U8(Fra.Protocol, (byte)rule.Protocol);
        }

        return request;
    }
}
