using System.Globalization;

namespace Cloudnet.Bench.AwsPolicy;

/// <summary>Command line of the driver: `--name value` pairs (see bench/aws/README.md).</summary>
public sealed class BenchArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    /// <summary>Parses `--name value` pairs.</summary>
    public BenchArguments(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"expected --name value, got '{args[i]}'");
            }

            _values[args[i][2..]] = args[++i];
        }
    }

    /// <summary>A string option, or <paramref name="fallback"/>.</summary>
    public string? Text(string name, string? fallback = null) => _values.GetValueOrDefault(name, fallback!);

    /// <summary>A number option, or <paramref name="fallback"/>.</summary>
    public double Number(string name, double fallback) =>
        _values.TryGetValue(name, out var text) ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
