using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Cloudnet.Testing.Kube;

/// <summary>One watch event, serialised once as the line the API server streams.</summary>
public sealed record WatchEvent(KubeResource Resource, long Revision, string Type, string Line)
{
    internal static WatchEvent Create(KubeResource resource, long revision, string type, JsonObject obj) =>
        new(resource, revision, type, new JsonObject { ["type"] = type, ["object"] = obj.DeepClone() }.ToJsonString() + "\n");
}

/// <summary>A started watch, or why it could not start (410 Gone).</summary>
public sealed record WatchStart(WatchSubscription? Subscription, string? GoneMessage);

/// <summary>The events of one watch; dispose to stop receiving.</summary>
public sealed class WatchSubscription(ChannelReader<WatchEvent> events, Action unsubscribe) : IDisposable
{
    /// <summary>Events in revision order; completes when the server closes the watch.</summary>
    public ChannelReader<WatchEvent> Events { get; } = events;

    /// <inheritdoc />
    public void Dispose() => unsubscribe();
}
