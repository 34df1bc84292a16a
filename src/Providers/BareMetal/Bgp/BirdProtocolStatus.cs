namespace Cloudnet.Providers.BareMetal.Bgp;

/// <summary>One row of <c>show protocols</c>.</summary>
/// <param name="Name">Protocol name, e.g. peer_198_18_0_2.</param>
/// <param name="Proto">Protocol type: BGP, Kernel, Static, Device.</param>
/// <param name="State">up, start, down, flush.</param>
/// <param name="Since">When it entered the state, as BIRD prints it.</param>
/// <param name="Info">BIRD's info column; for BGP the session state first (Established, Active, Connect…).</param>
public sealed record BirdProtocolStatus(string Name, string Proto, string State, string Since, string Info)
{
    /// <summary>True for BGP sessions.</summary>
    public bool IsBgp => Proto == "BGP";

    /// <summary>For BGP: the session state word (Established, Active, Connect, Idle, OpenSent, OpenConfirm).</summary>
    public string SessionState => Info.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";

    /// <summary>True for an established BGP session.</summary>
    public bool IsEstablished => IsBgp && State == "up" && SessionState == "Established";

    /// <summary>Parses the 1002 rows of a <c>show protocols</c> reply.</summary>
    public static IReadOnlyList<BirdProtocolStatus> Parse(BirdReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var rows = new List<BirdProtocolStatus>();
        foreach (var line in reply.Lines.Where(l => l.Code == 1002))
        {
            var parts = line.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 5)
            {
                continue;
            }

            // "Since" is a time ("10:36:06.476") or a date and a time ("2026-01-02 10:36:06").
            var sinceParts = parts[4].Length == 10 && parts[4][4] == '-' && parts.Length > 5 ? 2 : 1;
            var since = string.Join(' ', parts[4..(4 + sinceParts)]);
            var info = string.Join(' ', parts[(4 + sinceParts)..]);
            rows.Add(new BirdProtocolStatus(parts[0], parts[1], parts[3], since, info));
        }

        return rows;
    }
}
