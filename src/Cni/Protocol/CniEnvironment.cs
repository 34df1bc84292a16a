using System.Text;
using System.Text.RegularExpressions;

namespace Cloudnet.Cni.Protocol;

/// <summary>
/// The <c>CNI_*</c> parameters of one invocation, validated for the command. Which variables are
/// required depends on the command (spec section 2): ADD and CHECK need all of container id, netns
/// and ifname; DEL may omit the netns; VERSION, GC and STATUS need none of them.
/// </summary>
public sealed partial record CniEnvironment(
    CniCommand Command,
    string ContainerId,
    string? Netns,
    string IfName,
    CniArgs Args,
    string? Path)
{
    /// <summary>The variable names this binary reads.</summary>
    public static IReadOnlyList<string> VariableNames { get; } =
        ["CNI_COMMAND", "CNI_CONTAINERID", "CNI_NETNS", "CNI_IFNAME", "CNI_ARGS", "CNI_PATH"];

    /// <summary>Reads and validates the variables; <paramref name="lookup"/> returns null for unset.</summary>
    /// <exception cref="CniException">Code 4, naming every invalid variable.</exception>
    public static CniEnvironment Parse(Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var commandText = lookup("CNI_COMMAND");
        if (string.IsNullOrEmpty(commandText))
        {
            throw new CniException(CniErrorCode.InvalidEnvironment, "CNI_COMMAND is not set",
                "expected one of ADD, DEL, CHECK, VERSION, GC, STATUS");
        }

        var command = ParseCommand(commandText);
        var containerId = lookup("CNI_CONTAINERID") ?? string.Empty;
        var netns = lookup("CNI_NETNS");
        var ifName = lookup("CNI_IFNAME") ?? string.Empty;
        var problems = new List<string>();
        if (command is CniCommand.Add or CniCommand.Del or CniCommand.Check)
        {
            ValidateAttachment(command, containerId, netns, ifName, problems);
        }

        if (problems.Count > 0)
        {
            throw new CniException(CniErrorCode.InvalidEnvironment,
                $"{commandText}: invalid environment: {string.Join("; ", problems)}");
        }

        return new CniEnvironment(command, containerId, string.IsNullOrEmpty(netns) ? null : netns, ifName,
            CniArgs.Parse(lookup("CNI_ARGS")), lookup("CNI_PATH"));
    }

    /// <summary>True when <paramref name="name"/> is a valid Linux interface name (the spec's rules).</summary>
    public static bool IsValidIfName(string name) =>
        name.Length > 0 && Encoding.UTF8.GetByteCount(name) <= 15 && name is not "." and not ".."
        && !name.Any(c => c is '/' or ':' || char.IsWhiteSpace(c));

    /// <summary>True when <paramref name="id"/> is a valid container id or network name (spec section 2).</summary>
    public static bool IsValidIdentifier(string id) => IdentifierRegex().IsMatch(id);

    private static CniCommand ParseCommand(string text) => text switch
    {
        "ADD" => CniCommand.Add,
        "DEL" => CniCommand.Del,
        "CHECK" => CniCommand.Check,
        "VERSION" => CniCommand.Version,
        "GC" => CniCommand.Gc,
        "STATUS" => CniCommand.Status,
        _ => throw new CniException(CniErrorCode.InvalidEnvironment,
            $"CNI_COMMAND '{text}' is not a CNI command",
            "expected one of ADD, DEL, CHECK, VERSION, GC, STATUS"),
    };

    private static void ValidateAttachment(CniCommand command, string containerId, string? netns, string ifName, List<string> problems)
    {
        if (containerId.Length == 0)
        {
            problems.Add("CNI_CONTAINERID is not set");
        }
        else if (!IsValidIdentifier(containerId))
        {
            problems.Add($"CNI_CONTAINERID '{containerId}' must start with a letter or digit followed by letters, digits, '_', '.' or '-'");
        }

        if (command != CniCommand.Del && string.IsNullOrEmpty(netns))
        {
            problems.Add("CNI_NETNS is not set");
        }

        if (ifName.Length == 0)
        {
            problems.Add("CNI_IFNAME is not set");
        }
        else if (!IsValidIfName(ifName))
        {
            problems.Add($"CNI_IFNAME '{ifName}' is not a valid interface name (1-15 bytes, not '.' or '..', no '/', ':' or whitespace)");
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.\\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierRegex();
}
