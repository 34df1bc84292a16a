using System.Text.Json.Nodes;

namespace Cloudnet.Testing.Kube;

/// <summary>
/// RFC 6902 JSON Patch for the fake API server: add, replace, remove and test on object members and
/// array indexes (JSON Pointer, RFC 6901, with ~1 for '/' and ~0 for '~'). What a real API server
/// applies for <c>application/json-patch+json</c>; move and copy are not needed by the daemon.
/// </summary>
public static class JsonPatch
{
    /// <summary>Applies <paramref name="operations"/> to a copy of <paramref name="target"/>; null and
    /// the reason when an operation cannot be applied (the whole patch is then rejected, as RFC 6902 says).</summary>
    public static (JsonObject? Result, string? Error) Apply(JsonObject target, JsonArray operations)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(operations);
        var doc = target.DeepClone().AsObject();
        foreach (var node in operations)
        {
            if (node is not JsonObject op || op["op"]?.GetValue<string>() is not { } kind || op["path"]?.GetValue<string>() is not { } path)
            {
                return (null, "every operation needs \"op\" and \"path\"");
            }

            var error = ApplyOne(doc, kind, Split(path), op["value"]);
            if (error is not null)
            {
                return (null, $"{kind} {path}: {error}");
            }
        }

        return (doc, null);
    }

    private static string? ApplyOne(JsonObject doc, string kind, string[] tokens, JsonNode? value)
    {
        if (tokens.Length == 0)
        {
            return "the whole document cannot be patched";
        }

        JsonNode? parent = doc;
        foreach (var token in tokens[..^1])
        {
            parent = parent switch
            {
                JsonObject o => o[token],
                JsonArray a when int.TryParse(token, out var i) && i >= 0 && i < a.Count => a[i],
                _ => null,
            };
            if (parent is null)
            {
                return $"'{token}' does not exist";
            }
        }

        var last = tokens[^1];
        switch (kind, parent)
        {
            case ("add" or "replace", JsonObject o):
                if (kind == "replace" && !o.ContainsKey(last))
                {
                    return $"'{last}' does not exist";
                }

                o[last] = value?.DeepClone();
                return null;
            case ("add", JsonArray a):
                var at = last == "-" ? a.Count : int.TryParse(last, out var i) && i >= 0 && i <= a.Count ? i : -1;
                if (at < 0)
                {
                    return $"index '{last}' is out of range";
                }

                a.Insert(at, value?.DeepClone());
                return null;
            case ("remove", JsonObject o):
                return o.Remove(last) ? null : $"'{last}' does not exist";
            case ("test", JsonObject o):
                return JsonNode.DeepEquals(o[last], value) ? null : "the value differs";
            default:
                return $"operation '{kind}' on a {parent?.GetValueKind()} is not supported";
        }
    }

    private static string[] Split(string pointer) =>
        pointer.Length == 0 ? [] : [.. pointer.TrimStart('/').Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];
}
