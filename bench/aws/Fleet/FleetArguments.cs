using System.Globalization;

namespace Cloudnet.Bench.Fleet;

/// <summary>The driver's command line: `--name value` pairs into <see cref="FleetSettings"/>.</summary>
public static class FleetArguments
{
    /// <summary>Parses <paramref name="args"/>; unknown names and malformed values throw naming the option.</summary>
    public static FleetSettings Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var settings = new FleetSettings();
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"expected --name value, got '{args[i]}'");
            }

            var (name, value) = (args[i][2..], args[i + 1]);
            switch (name)
            {
                case "nodes": settings.Nodes = Positive(name, value); break;
                case "instance-type": settings.InstanceType = value; break;
                case "latency-ms": settings.LatencyMs = (int)Number(name, value); break;
                case "imds-lag-ms": settings.ImdsLag = TimeSpan.FromMilliseconds(Number(name, value)); break;
                case "bucket-scale": settings.BucketScale = Number(name, value); break;
                case "deadline-s": settings.Deadline = TimeSpan.FromSeconds(Positive(name, value)); break;
                case "seed": settings.Seed = (int)Number(name, value); break;
                case "sides":
                    settings.Sides.Clear();
                    foreach (var side in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        settings.Sides.Add(side);
                    }

                    break;
                default: throw new ArgumentException($"unknown option --{name}");
            }
        }

        return settings;
    }

    private static double Number(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n
            : throw new ArgumentException($"--{name} must be a number >= 0 (got '{value}')");

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"--{name} must be a whole number > 0 (got '{value}')");
}
