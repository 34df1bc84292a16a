using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Emulator;

/// <summary>Parses the emulator's flags into <see cref="EmulatorOptions"/>; every error names the flag.</summary>
internal static class CommandLine
{
    public const string Usage = """
        usage: cloudnet-emulator [options]
          --listen HOST:PORT       listen address (default 127.0.0.1:4566; port 0 = any free port)
          --instance-type TYPE     instance type of the emulated node (default m5.large)
          --vpc-cidr CIDR          VPC CIDR, /16 to /24 (default 10.0.0.0/16)
          --subnet CIDR            a subnet (repeatable; the first holds the instance; default: derived from the VPC)
          --region REGION          region (default us-east-1)
          --az ZONE                availability zone (default us-east-1a)
          --seed N                 seed for ids, address picks and fault injection (default 1)
          --imds-lag DURATION      delay before new ENIs/addresses show in IMDS: 500ms, 2s, 00:00:01 (default 0)
          --detach-delay DURATION  how long an ENI stays "detaching" (in-use) after DetachNetworkInterface (default 0)
          --materialize-enis       mirror attached ENIs as links (MAC = ENI MAC, eth<device index>) in --netns
          --netns NAME             network namespace standing in for the node
          --vpc-netns NAME         namespace standing in for the VPC: ENIs become veths with their peers there
          --log-level LEVEL        trace|debug|information|warning|error|none (default information)
          --help                   this text
        """;

    /// <summary>Parses; returns null with <paramref name="error"/> set when the flags are wrong, or for --help (error empty).</summary>
    public static EmulatorOptions? Parse(IReadOnlyList<string> args, out string error)
    {
        var options = new EmulatorOptions { Listen = "127.0.0.1:4566", LogLevel = LogLevel.Information };
        var subnets = new List<string>();
        error = "";
        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            string Next() => i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                ? args[++i] : throw new FormatException($"{flag} needs a value");
            try
            {
                switch (flag)
                {
                    case "--help" or "-h": return null;
                    case "--listen": options.Listen = Next(); EmulatorHost.ParseListen(options.Listen); break;
                    case "--instance-type": options.InstanceType = Next(); break;
                    case "--vpc-cidr": options.VpcCidr = Next(); break;
                    case "--subnet": subnets.Add(Next()); break;
                    case "--region": options.Region = Next(); break;
                    case "--az": options.AvailabilityZone = Next(); break;
                    case "--seed": options.Seed = int.Parse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture); break;
                    case "--imds-lag": options.ImdsLag = ParseDuration(Next()); break;
                    case "--detach-delay": options.DetachDelay = ParseDuration(Next()); break;
                    case "--materialize-enis": options.MaterializeEnis = true; break;
                    case "--netns": options.Netns = Next(); break;
                    case "--vpc-netns": options.VpcNetns = Next(); break;
                    case "--log-level": options.LogLevel = Enum.Parse<LogLevel>(Next(), ignoreCase: true); break;
                    default: throw new FormatException($"unknown flag '{flag}'");
                }
            }
            catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
            {
                error = $"{flag}: {e.Message}";
                return null;
            }
        }

        if (options.MaterializeEnis && string.IsNullOrWhiteSpace(options.Netns))
        {
            error = "--materialize-enis needs --netns NAME";
            return null;
        }

        options.SubnetCidrs = subnets.Count > 0 ? subnets : null;
        return options;
    }

    private static TimeSpan ParseDuration(string text)
    {
        var value = text.EndsWith("ms", StringComparison.Ordinal) ? TimeSpan.FromMilliseconds(double.Parse(text[..^2], CultureInfo.InvariantCulture))
            : text.EndsWith('s') ? TimeSpan.FromSeconds(double.Parse(text[..^1], CultureInfo.InvariantCulture))
            : TimeSpan.Parse(text, CultureInfo.InvariantCulture);
        return value >= TimeSpan.Zero ? value : throw new FormatException($"'{text}' is negative");
    }
}
