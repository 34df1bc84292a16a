using System.Globalization;
using Cloudnet.Emulator.State;

namespace Cloudnet.Emulator.Api;

/// <summary>
/// The flattened parameters of an EC2 Query request ("SecurityGroupId.1", "Filter.2.Value.1",
/// "TagSpecification.1.Tag.1.Key"), with EC2's errors for missing or malformed values.
/// </summary>
internal sealed class QueryParameters(IReadOnlyDictionary<string, string> values)
{
    public string? Get(string name) => values.TryGetValue(name, out var v) ? v : null;

    public string Required(string name) =>
        Get(name) is { Length: > 0 } v ? v : throw new Ec2Exception(Ec2ErrorCodes.MissingParameter, $"The request must contain the parameter {name}");

    public int? Int(string name)
    {
        var text = Get(name);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0
            ? v
            : throw new Ec2Exception(Ec2ErrorCodes.InvalidParameterValue, $"Value ({text}) for parameter {name} is invalid. Expected a non-negative integer.");
    }

    public bool? Bool(string name)
    {
        var text = Get(name);
        return text is null ? null
            : bool.TryParse(text, out var v) ? v
            : throw new Ec2Exception(Ec2ErrorCodes.InvalidParameterValue, $"Value ({text}) for parameter {name} is invalid. Expected true or false.");
    }

    /// <summary>The values of prefix.1, prefix.2, … in index order.</summary>
    public List<string> List(string prefix) =>
        Indexes(prefix).Select(i => values[Key(prefix, i)]).ToList();

    /// <summary>Filter.N.Name with Filter.N.Value.M.</summary>
    public List<Ec2Filter> Filters() =>
        Indexes("Filter", ".Name")
            .Select(i => new Ec2Filter(values[Key("Filter", i) + ".Name"], List(Key("Filter", i) + ".Value")))
            .ToList();

    /// <summary>prefix.N.Key with prefix.N.Value (an absent value is null).</summary>
    public List<KeyValuePair<string, string?>> Tags(string prefix) =>
        Indexes(prefix, ".Key")
            .Select(i => new KeyValuePair<string, string?>(values[Key(prefix, i) + ".Key"], Get(Key(prefix, i) + ".Value")))
            .ToList();

    /// <summary>Tags of every TagSpecification.N whose ResourceType is <paramref name="resourceType"/>.</summary>
    public List<KeyValuePair<string, string>> TagSpecifications(string resourceType) =>
        Indexes("TagSpecification", ".ResourceType")
            .Where(i => values[Key("TagSpecification", i) + ".ResourceType"] == resourceType)
            .SelectMany(i => Tags(Key("TagSpecification", i) + ".Tag"))
            .Select(t => new KeyValuePair<string, string>(t.Key, t.Value ?? ""))
            .ToList();

    private static string Key(string prefix, int index) => prefix + "." + index.ToString(CultureInfo.InvariantCulture);

    private SortedSet<int> Indexes(string prefix, string suffix = "")
    {
        var start = prefix + ".";
        var found = new SortedSet<int>();
        foreach (var key in values.Keys)
        {
            if (key.StartsWith(start, StringComparison.Ordinal) && key.EndsWith(suffix, StringComparison.Ordinal)
                && key.Length > start.Length + suffix.Length
                && int.TryParse(key.AsSpan(start.Length, key.Length - start.Length - suffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                found.Add(index);
            }
        }

        return found;
    }
}
