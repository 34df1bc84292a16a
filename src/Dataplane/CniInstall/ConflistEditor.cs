using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cloudnet.Dataplane.CniInstall;

/// <summary>
/// Checks that a conflist is one the runtime and cloudnet can use (a JSON object with a
/// "plugins" array holding a plugin of type "cloudnet") and writes the socket and state
/// directory overrides into that plugin entry.
/// </summary>
public static class ConflistEditor
{
    /// <summary>The plugin type the conflist must contain.</summary>
    public const string PluginType = "cloudnet";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// The content to install: <paramref name="source"/> unchanged when there is nothing to
    /// override, else the JSON with the overrides, indented.
    /// </summary>
    /// <param name="source">The conflist's bytes.</param>
    /// <param name="name">The conflist's path or name, for messages.</param>
    /// <param name="socketPath">New socketPath, or null.</param>
    /// <param name="stateDir">New stateDir, or null.</param>
    /// <exception cref="ConflistException">Not valid JSON, or no cloudnet plugin; the message names <paramref name="name"/>.</exception>
    public static byte[] Apply(byte[] source, string name, string? socketPath, string? stateDir)
    {
        ArgumentNullException.ThrowIfNull(source);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(source, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException ex)
        {
            throw new ConflistException($"conflist {name} is not valid JSON: {ex.Message}", ex);
        }

        if (root is not JsonObject list || list["plugins"] is not JsonArray plugins)
        {
            throw new ConflistException($"conflist {name} has no \"plugins\" array (a network configuration list is needed)");
        }

        var plugin = plugins.OfType<JsonObject>().FirstOrDefault(p => p["type"] is JsonValue t && t.TryGetValue<string>(out var type) && type == PluginType)
            ?? throw new ConflistException($"conflist {name} has no plugin of type \"{PluginType}\"");
        if (socketPath is null && stateDir is null)
        {
            return source;
        }

        if (socketPath is not null)
        {
            plugin["socketPath"] = socketPath;
        }

        if (stateDir is not null)
        {
            plugin["stateDir"] = stateDir;
        }

        return Encoding.UTF8.GetBytes(list.ToJsonString(Indented) + "\n");
    }
}
