using System.Globalization;
using System.Text;

namespace Cloudnet.Ipamd.Metrics;

/// <summary>The text format's escaping, number formatting and name rules.</summary>
internal static class TextFormat
{
    public static string Value(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    public static void AppendValue(StringBuilder output, double value) => output.Append(Value(value));

    /// <summary>HELP escapes backslash and newline.</summary>
    public static void AppendHelp(StringBuilder output, string help)
    {
        foreach (var c in help)
        {
            _ = c switch
            {
                '\\' => output.Append(@"\\"),
                '\n' => output.Append(@"\n"),
                _ => output.Append(c),
            };
        }
    }

    /// <summary>Label values escape backslash, double quote and newline.</summary>
    public static void AppendLabelValue(StringBuilder output, string value)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => output.Append(@"\\"),
                '"' => output.Append("\\\""),
                '\n' => output.Append(@"\n"),
                _ => output.Append(c),
            };
        }
    }

    /// <summary>[a-zA-Z_:][a-zA-Z0-9_:]*</summary>
    public static void CheckMetricName(string name)
    {
        if (!IsName(name, colon: true))
        {
            throw new ArgumentException($"'{name}' is not a valid metric name (letters, digits, '_' and ':', not starting with a digit)", nameof(name));
        }
    }

    /// <summary>[a-zA-Z_][a-zA-Z0-9_]*, not starting with "__" (reserved), and not "le" (the histogram bucket label).</summary>
    public static void CheckLabelName(string label, string metric)
    {
        if (!IsName(label, colon: false) || label.StartsWith("__", StringComparison.Ordinal) || label == "le")
        {
            throw new ArgumentException($"metric '{metric}': '{label}' is not a valid label name (letters, digits and '_', not starting with a digit or '__', not 'le')", nameof(label));
        }
    }

    private static bool IsName(string? name, bool colon)
    {
        if (string.IsNullOrEmpty(name) || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || (colon && c == ':')))
            {
                return false;
            }
        }

        return true;
    }
}
