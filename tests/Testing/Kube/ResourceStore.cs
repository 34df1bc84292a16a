using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Cloudnet.Testing.Kube;

/// <summary>
/// The fake API server's etcd: objects per resource, one global revision that every write bumps
/// (an object's <c>metadata.resourceVersion</c> is the revision of its last write, a list carries the
/// current revision), and a history of events that watches replay from a resourceVersion. History
/// before <see cref="Compact"/> is gone: a watch from there gets 410 Gone, as from a real server.
/// </summary>
public sealed class ResourceStore(TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> _objects = new(StringComparer.Ordinal);
    private readonly List<WatchEvent> _history = [];
    private readonly List<(KubeResource Resource, Channel<WatchEvent> Channel)> _watchers = [];
    private long _revision = 100;
    private long _compactedThrough;

    /// <summary>The current revision.</summary>
    public long Revision
    {
        get
        {
            lock (_lock)
            {
                return _revision;
            }
        }
    }

    /// <summary>Creates an object; fails with 409 when the name is taken.</summary>
    public StoreResult Create(KubeResource resource, JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var name = NameOf(obj);
        if (string.IsNullOrEmpty(name))
        {
            return StoreResult.Fail(422, "Invalid", $"{resource.Kind}: metadata.name: Required value");
        }

        lock (_lock)
        {
            var objects = Objects(resource);
            if (objects.ContainsKey(name))
            {
                return StoreResult.Fail(409, "AlreadyExists", $"{resource.QualifiedName} \"{name}\" already exists");
            }

            var stored = Stamp(resource, obj.DeepClone().AsObject(), uid: Guid.NewGuid().ToString());
            objects[name] = stored;
            Publish(resource, "ADDED", stored);
            return StoreResult.Ok(stored.DeepClone().AsObject(), 201);
        }
    }

    /// <summary>The object, or null.</summary>
    public JsonObject? Get(KubeResource resource, string name)
    {
        lock (_lock)
        {
            return Objects(resource).TryGetValue(name, out var obj) ? obj.DeepClone().AsObject() : null;
        }
    }

    /// <summary>All objects of the resource and the revision they were read at.</summary>
    public (long Revision, IReadOnlyList<JsonObject> Items) List(KubeResource resource)
    {
        lock (_lock)
        {
            return (_revision, [.. Objects(resource).Values.Select(o => o.DeepClone().AsObject())]);
        }
    }

    /// <summary>Replaces an object; 409 when the body's resourceVersion is set and stale, 404 when absent.</summary>
    public StoreResult Update(KubeResource resource, string name, JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        lock (_lock)
        {
            var objects = Objects(resource);
            if (!objects.TryGetValue(name, out var current))
            {
                return NotFound(resource, name);
            }

            var expected = obj["metadata"]?["resourceVersion"]?.GetValue<string>();
            if (!string.IsNullOrEmpty(expected) && expected != VersionOf(current))
            {
                return StoreResult.Fail(409, "Conflict", $"Operation cannot be fulfilled on {resource.QualifiedName} \"{name}\": the object has been modified; please apply your changes to the latest version and try again");
            }

            var copy = obj.DeepClone().AsObject();
            var metadata = Metadata(copy);
            metadata["name"] = name;
            metadata["creationTimestamp"] = current["metadata"]!["creationTimestamp"]!.DeepClone();
            var stored = Stamp(resource, copy, uid: current["metadata"]!["uid"]!.GetValue<string>());
            objects[name] = stored;
            Publish(resource, "MODIFIED", stored);
            return StoreResult.Ok(stored.DeepClone().AsObject(), 200);
        }
    }

    /// <summary>Deletes an object; 404 when absent, 409 when a precondition (uid, resourceVersion) does not hold.</summary>
    public StoreResult Delete(KubeResource resource, string name, string? uid = null, string? resourceVersion = null)
    {
        lock (_lock)
        {
            var objects = Objects(resource);
            if (!objects.TryGetValue(name, out var current))
            {
                return NotFound(resource, name);
            }

            var metadata = Metadata(current);
            if ((uid is not null && uid != metadata["uid"]?.GetValue<string>())
                || (resourceVersion is not null && resourceVersion != VersionOf(current)))
            {
                return StoreResult.Fail(409, "Conflict", $"Operation cannot be fulfilled on {resource.QualifiedName} \"{name}\": precondition failed (uid or resourceVersion)");
            }

            objects.Remove(name);
            _revision++;
            metadata["resourceVersion"] = _revision.ToString(CultureInfo.InvariantCulture);
            Publish(resource, "DELETED", current);
            return StoreResult.Ok(current.DeepClone().AsObject(), 200);
        }
    }

    /// <summary>
    /// Starts a watch. With no resourceVersion (or "0") the current objects come first as ADDED events;
    /// with a resourceVersion every later event is replayed, or 410 Gone when it was compacted away.
    /// </summary>
    public WatchStart Watch(KubeResource resource, string? resourceVersion)
    {
        var channel = Channel.CreateUnbounded<WatchEvent>(new UnboundedChannelOptions { SingleReader = true });
        lock (_lock)
        {
            if (string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0")
            {
                foreach (var obj in Objects(resource).Values)
                {
                    channel.Writer.TryWrite(WatchEvent.Create(resource, _revision, "ADDED", obj));
                }
            }
            else
            {
                if (!long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var from) || from < _compactedThrough)
                {
                    return new WatchStart(null, $"too old resource version: {resourceVersion} ({_compactedThrough})");
                }

                foreach (var past in _history.Where(e => e.Resource == resource && e.Revision > from))
                {
                    channel.Writer.TryWrite(past);
                }
            }

            _watchers.Add((resource, channel));
        }

        return new WatchStart(new WatchSubscription(channel.Reader, () => Unsubscribe(channel)), null);
    }

    /// <summary>Forgets the history: watches from any earlier resourceVersion get 410 Gone.</summary>
    public void Compact()
    {
        lock (_lock)
        {
            _history.Clear();
            _compactedThrough = _revision;
        }
    }

    /// <summary>Ends every open watch (as an API server restart or a load balancer timeout would).</summary>
    public void CloseWatches()
    {
        lock (_lock)
        {
            foreach (var (_, channel) in _watchers)
            {
                channel.Writer.TryComplete();
            }

            _watchers.Clear();
        }
    }

    private void Unsubscribe(Channel<WatchEvent> channel)
    {
        lock (_lock)
        {
            _watchers.RemoveAll(w => w.Channel == channel);
        }
    }

    private SortedDictionary<string, JsonObject> Objects(KubeResource resource)
    {
        if (!_objects.TryGetValue(resource.Path, out var objects))
        {
            objects = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            _objects[resource.Path] = objects;
        }

        return objects;
    }

    private JsonObject Stamp(KubeResource resource, JsonObject obj, string uid)
    {
        _revision++;
        obj["apiVersion"] = resource.ApiVersion;
        obj["kind"] = resource.Kind;
        var metadata = Metadata(obj);
        metadata["uid"] = uid;
        metadata["resourceVersion"] = _revision.ToString(CultureInfo.InvariantCulture);
        metadata["creationTimestamp"] ??= timeProvider.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return obj;
    }

    private void Publish(KubeResource resource, string type, JsonObject obj)
    {
        var e = WatchEvent.Create(resource, _revision, type, obj);
        _history.Add(e);
        foreach (var (_, channel) in _watchers.Where(w => w.Resource == resource))
        {
            channel.Writer.TryWrite(e);
        }
    }

    private static StoreResult NotFound(KubeResource resource, string name) =>
        StoreResult.Fail(404, "NotFound", $"{resource.QualifiedName} \"{name}\" not found");

    private static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is not JsonObject metadata)
        {
            metadata = [];
            obj["metadata"] = metadata;
        }

        return metadata;
    }

    private static string? NameOf(JsonObject obj) => obj["metadata"]?["name"]?.GetValue<string>();

    private static string? VersionOf(JsonObject obj) => obj["metadata"]?["resourceVersion"]?.GetValue<string>();
}
