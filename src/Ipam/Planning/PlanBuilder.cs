using System.Net;
using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Ipam.Planning;

/// <summary>Collects a plan's actions and the words that describe them, for the one-line reason.</summary>
internal sealed class PlanBuilder
{
    private readonly List<PoolAction> _actions = [];
    private readonly List<string> _steps = [];
    private readonly HashSet<string> _deleted = new(StringComparer.Ordinal);

    public bool IsEmpty => _actions.Count == 0;

    public bool Creates { get; private set; }

    public bool IsDeleted(string interfaceId) => _deleted.Contains(interfaceId);

    public void AssignAddresses(string interfaceId, int count)
    {
        _actions.Add(new AssignAddresses(interfaceId, count));
        _steps.Add(Text($"assign {Count(count, "address", "addresses")} to {interfaceId}"));
    }

    public void AssignPrefixes(string interfaceId, int count)
    {
        _actions.Add(new AssignPrefixes(interfaceId, count));
        _steps.Add(Text($"assign {Count(count, "prefix", "prefixes")} to {interfaceId}"));
    }

    /// <summary>Adds the plan's single interface creation, with what it is created with.</summary>
    public void CreateInterface(int addresses = 0, int prefixes = 0)
    {
        if (Creates)
        {
            throw new InvalidOperationException("a plan creates at most one interface");
        }

        Creates = true;
        _actions.Add(new CreateInterface(addresses, prefixes));
        _steps.Add(prefixes > 0 ? Text($"create an interface with {Count(prefixes, "prefix", "prefixes")}")
            : addresses > 0 ? Text($"create an interface with {Count(addresses, "address", "addresses")}")
            : "create an interface");
    }

    public void ReleaseAddresses(string interfaceId, IReadOnlyList<IPAddress> addresses)
    {
        _actions.Add(new ReleaseAddresses(interfaceId, addresses));
        _steps.Add(Text($"release {Count(addresses.Count, "address", "addresses")} from {interfaceId}"));
    }

    public void ReleasePrefixes(string interfaceId, IReadOnlyList<Cidr> prefixes)
    {
        _actions.Add(new ReleasePrefixes(interfaceId, prefixes));
        _steps.Add(Text($"release {Count(prefixes.Count, "prefix", "prefixes")} from {interfaceId}"));
    }

    public void DeleteInterface(string interfaceId)
    {
        if (_deleted.Add(interfaceId))
        {
            _actions.Add(new DeleteInterface(interfaceId));
            _steps.Add(Text($"delete {interfaceId}"));
        }
    }

    /// <summary>"why; step, step; outcome" — the outcome says what stopped the plan short, if anything.</summary>
    public PoolPlan Build(string why, string? outcome = null)
    {
        var reason = why;
        if (_steps.Count > 0)
        {
            reason += "; " + string.Join(", ", _steps);
        }

        if (outcome is not null)
        {
            reason += "; " + outcome;
        }

        return new PoolPlan([.. _actions], reason);
    }

    /// <summary>The reason of a plan made when there is no shortage.</summary>
    /// <param name="cappedByMaxPods">The targets asked for more than MaxPods lets the pool hold.</param>
    public PoolPlan Settled(int excess, string one, string many, string context, bool cappedByMaxPods)
    {
        if (excess <= 0)
        {
            return cappedByMaxPods
                ? Build(Text($"at targets capped by max pods ({context})"), "cannot grow")
                : Build(Text($"at targets ({context})"));
        }

        var why = Text($"{Count(excess, one, many)} above targets ({context})");
        return IsEmpty ? Build(why, "nothing unused to release") : Build(why);
    }

    internal static string Count(int n, string one, string many) => Text($"{n} {(n == 1 ? one : many)}");

    internal static string Text(FormattableString text) => FormattableString.Invariant(text);
}
