using Cloudnet.Ctl.Install;

namespace Cloudnet.Ctl;

/// <summary>The parsed command line: a command, its positional arguments and the common flags.</summary>
/// <param name="Command">status, pool, allocations, leaks, checkpoint, install-cni, help.</param>
/// <param name="Positional">Arguments after the command (the checkpoint path).</param>
/// <param name="Address">Introspection endpoint, host:port.</param>
/// <param name="Json">Print the daemon's JSON instead of a table.</param>
public sealed record CtlArguments(string Command, IReadOnlyList<string> Positional, string Address, bool Json)
{
    /// <summary>The daemon's default introspection endpoint.</summary>
    public const string DefaultAddress = "127.0.0.1:61679";

    /// <summary>The commands cloudnetctl knows.</summary>
    public static IReadOnlyList<string> Commands { get; } = ["status", "pool", "allocations", "leaks", "checkpoint", "install-cni", "help"];

    /// <summary>install-cni's options, each taking a value (`--flag value` or `--flag=value`).</summary>
    public static IReadOnlyList<string> InstallCniFlags { get; } = ["--binary", "--conflist", "--bin-dir", "--conf-dir", "--socket", "--state-dir"];

    /// <summary>install-cni's flag without a value: install the binary only (the daemon writes the conflist once ready).</summary>
    public const string SkipConflistFlag = "--skip-conflist";

    /// <summary>install-cni's options that only matter for the conflist, refused with <see cref="SkipConflistFlag"/>.</summary>
    public static IReadOnlyList<string> ConflistFlags { get; } = ["--conflist", "--conf-dir", "--socket", "--state-dir"];

    /// <summary>What install-cni installs and where; set for the install-cni command only.</summary>
    public InstallCniOptions? InstallCni { get; init; }

    /// <summary>Parses <paramref name="args"/>; the error says what is wrong, or is null.</summary>
    public static (CtlArguments? Arguments, string? Error) Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? command = null;
        var positional = new List<string>();
        var address = DefaultAddress;
        var json = false;
        var skipConflist = false;
        var install = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case var a when InstallCniFlags.Contains(a):
                    if (i + 1 >= args.Count)
                    {
                        return (null, $"{a} needs a value (a path)");
                    }

                    install[a] = args[++i];
                    break;
                case var a when a.Split('=', 2) is [var flag, var value] && InstallCniFlags.Contains(flag):
                    install[flag] = value;
                    break;
                case "--addr" or "-a":
                    if (i + 1 >= args.Count)
                    {
                        return (null, "--addr needs a value (host:port)");
                    }

                    address = args[++i];
                    break;
                case var a when a.StartsWith("--addr=", StringComparison.Ordinal):
                    address = a["--addr=".Length..];
                    break;
                case "--json":
                    json = true;
                    break;
                case SkipConflistFlag:
                    skipConflist = true;
                    break;
                case "-h" or "--help":
                    command ??= "help";
                    break;
                case var a when a.StartsWith('-'):
                    return (null, $"unknown option '{a}'");
                case var a when command is null:
                    command = a;
                    break;
                case var a:
                    positional.Add(a);
                    break;
            }
        }

        command ??= "help";
        if (!Commands.Contains(command))
        {
            return (null, $"unknown command '{command}' (commands: {string.Join(", ", Commands)})");
        }

        if (command == "checkpoint" && positional.Count != 1)
        {
            return (null, "checkpoint needs exactly one argument: the checkpoint file (e.g. /var/lib/cloudnet/ipam.json)");
        }

        if (command != "checkpoint" && positional.Count > 0)
        {
            return (null, $"{command} takes no arguments (got '{positional[0]}')");
        }

        if (command != "install-cni" && (install.Count > 0 || skipConflist))
        {
            return (null, $"{(skipConflist ? SkipConflistFlag : install.Keys.First())} is an install-cni option");
        }

        if (skipConflist && ConflistFlags.FirstOrDefault(install.ContainsKey) is { } conflistFlag)
        {
            return (null, $"{conflistFlag} configures the conflist, which {SkipConflistFlag} does not install");
        }

        if (install.FirstOrDefault(p => string.IsNullOrWhiteSpace(p.Value)) is { Key: { } empty })
        {
            return (null, $"{empty} needs a non-empty value");
        }

        return (new CtlArguments(command, positional, address, json) { InstallCni = command == "install-cni" ? InstallOptions(install, skipConflist) : null }, null);
    }

    private static InstallCniOptions InstallOptions(Dictionary<string, string> flags, bool skipConflist)
    {
        var defaults = new InstallCniOptions();
        return new InstallCniOptions
        {
            BinarySource = flags.GetValueOrDefault("--binary") ?? defaults.BinarySource,
            ConflistSource = flags.GetValueOrDefault("--conflist"),
            BinDir = flags.GetValueOrDefault("--bin-dir") ?? defaults.BinDir,
            ConfDir = flags.GetValueOrDefault("--conf-dir") ?? defaults.ConfDir,
            SocketPath = flags.GetValueOrDefault("--socket"),
            StateDir = flags.GetValueOrDefault("--state-dir"),
            SkipConflist = skipConflist,
        };
    }
}
