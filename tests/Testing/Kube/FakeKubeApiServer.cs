using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Testing.Kube;

/// <summary>
/// A loopback fake Kubernetes API server (Kestrel on 127.0.0.1:0 unless told otherwise) with what the
/// bare-metal provider uses, for IPAMBlocks and Nodes: create (409 AlreadyExists), get, list (with the
/// list's resourceVersion), watch (chunked JSON lines, replay from a resourceVersion, 410 Gone after
/// <see cref="ResourceStore.Compact"/>), update (409 on a stale resourceVersion) and delete (with uid and
/// resourceVersion preconditions). The real KubernetesClient talks to it exactly as to a cluster.
/// </summary>
public sealed class FakeKubeApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeKubeApiServer(WebApplication app, ResourceStore store)
    {
        _app = app;
        Store = store;
    }

    /// <summary>The objects behind the API, for direct setup and inspection by tests.</summary>
    public ResourceStore Store { get; }

    /// <summary>The server's base address, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Requests served, by "METHOD path" (for tests that count API calls).</summary>
    public int RequestCount => _requests;

    private int _requests;

    /// <summary>Starts a server on <paramref name="listen"/> (default 127.0.0.1, any free port).</summary>
    public static async Task<FakeKubeApiServer> StartAsync(IPEndPoint? listen = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(listen ?? new IPEndPoint(IPAddress.Loopback, 0)));
        var app = builder.Build();
        var server = new FakeKubeApiServer(app, new ResourceStore(timeProvider ?? TimeProvider.System));
        server.Map(KubeResource.Nodes);
        server.Map(KubeResource.IpamBlocks);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetService(typeof(IServer)) is IServer s
            ? s.Features.Get<IServerAddressesFeature>()!.Addresses.First()
            : throw new InvalidOperationException("no server");
        server.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return server;
    }

    /// <summary>Adds (or replaces) a Node with an InternalIP and optional podCIDRs.</summary>
    public JsonObject PutNode(string name, string internalIP, params string[] podCidrs)
    {
        var node = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject { ["podCIDRs"] = new JsonArray([.. podCidrs.Select(c => JsonValue.Create(c))]) },
            ["status"] = new JsonObject
            {
                ["addresses"] = new JsonArray(new JsonObject { ["type"] = "InternalIP", ["address"] = internalIP }),
            },
        };
        var result = Store.Get(KubeResource.Nodes, name) is null
            ? Store.Create(KubeResource.Nodes, node)
            : Store.Update(KubeResource.Nodes, name, node);
        return result.Item ?? throw new InvalidOperationException(result.Message);
    }

    /// <summary>Sets what the kubelet reports in a Node's <c>status.capacity</c> (e.g. "pods" → "110").</summary>
    public JsonObject SetNodeCapacity(string name, params (string Resource, string Quantity)[] capacity)
    {
        var node = Store.Get(KubeResource.Nodes, name) ?? throw new InvalidOperationException($"no node {name}");
        var status = node["status"] as JsonObject ?? new JsonObject();
        status["capacity"] = new JsonObject([.. capacity.Select(c => KeyValuePair.Create(c.Resource, (JsonNode?)JsonValue.Create(c.Quantity)))]);
        node["status"] = status;
        node["metadata"]!.AsObject().Remove("resourceVersion");
        var result = Store.Update(KubeResource.Nodes, name, node);
        return result.Item ?? throw new InvalidOperationException(result.Message);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Store.CloseWatches();
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private void Map(KubeResource resource)
    {
        var collection = "/" + resource.Path;
        _app.MapGet(collection, (HttpContext http) =>
        {
            // Counted before it is served, like every other request: a client that has its answer sees it counted.
            Count();
            return ListOrWatch(resource, http);
        });
        _app.MapPost(collection, async (HttpContext http) =>
        {
            Count();
            var body = await ReadBodyAsync(http).ConfigureAwait(false);
            return body is null ? Reply(BadRequest()) : Reply(Store.Create(resource, body));
        });
        _app.MapGet(collection + "/{name}", (string name) =>
        {
            Count();
            return Store.Get(resource, name) is { } obj
                ? Results.Json(obj, statusCode: 200)
                : Reply(StoreResult.Fail(404, "NotFound", $"{resource.QualifiedName} \"{name}\" not found"));
        });
        _app.MapPut(collection + "/{name}", async (string name, HttpContext http) =>
        {
            Count();
            var body = await ReadBodyAsync(http).ConfigureAwait(false);
            return body is null ? Reply(BadRequest()) : Reply(Store.Update(resource, name, body));
        });
        _app.MapPatch(collection + "/{name}/status", async (string name, HttpContext http) =>
        {
            Count();
            return Reply(await PatchStatusAsync(resource, name, http).ConfigureAwait(false));
        });
        _app.MapDelete(collection + "/{name}", async (string name, HttpContext http) =>
        {
            Count();
            var body = await ReadBodyAsync(http).ConfigureAwait(false);
            var preconditions = body?["preconditions"];
            return Reply(Store.Delete(resource, name,
                preconditions?["uid"]?.GetValue<string>(),
                preconditions?["resourceVersion"]?.GetValue<string>()));
        });
    }

    private Task ListOrWatch(KubeResource resource, HttpContext http)
    {
        var query = http.Request.Query;
        if (query["watch"] is { Count: > 0 } watch && (watch[0] == "true" || watch[0] == "1"))
        {
            return WatchAsync(resource, http, query["resourceVersion"].FirstOrDefault(), query["timeoutSeconds"].FirstOrDefault());
        }

        var (revision, items) = Store.List(resource);
        var list = new JsonObject
        {
            ["apiVersion"] = resource.ApiVersion,
            ["kind"] = resource.Kind + "List",
            ["metadata"] = new JsonObject { ["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture) },
            ["items"] = new JsonArray([.. items]),
        };
        return Results.Json(list).ExecuteAsync(http);
    }

    private async Task WatchAsync(KubeResource resource, HttpContext http, string? resourceVersion, string? timeoutSeconds)
    {
        var start = Store.Watch(resource, resourceVersion);
        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json";
        if (start.Subscription is not { } subscription)
        {
            // A real server answers a watch from a compacted revision with an ERROR event carrying 410.
            var status = StoreResult.Fail(410, "Expired", start.GoneMessage!).Body();
            await http.Response.WriteAsync(new JsonObject { ["type"] = "ERROR", ["object"] = status }.ToJsonString() + "\n", http.RequestAborted).ConfigureAwait(false);
            return;
        }

        using (subscription)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
            if (int.TryParse(timeoutSeconds, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
            {
                timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
            }

            await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            try
            {
                await foreach (var e in subscription.Events.ReadAllAsync(timeout.Token).ConfigureAwait(false))
                {
                    await http.Response.WriteAsync(e.Line, timeout.Token).ConfigureAwait(false);
                    await http.Response.Body.FlushAsync(timeout.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                // Client went away or the watch's timeoutSeconds passed: end the stream.
            }
        }
    }

    // The status subresource with a JSON Patch (what the daemon sends); other patch types get 415,
    // and a patch outside .status 422 (a real server would silently drop it, hiding the mistake).
    private async Task<StoreResult> PatchStatusAsync(KubeResource resource, string name, HttpContext http)
    {
        if (http.Request.ContentType?.Split(';')[0].Trim() != "application/json-patch+json")
        {
            return StoreResult.Fail(415, "UnsupportedMediaType", $"the fake server takes only application/json-patch+json on status, not {http.Request.ContentType}");
        }

        JsonArray? operations;
        try
        {
            operations = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted).ConfigureAwait(false) as JsonArray;
        }
        catch (System.Text.Json.JsonException)
        {
            operations = null;
        }

        if (operations is null)
        {
            return StoreResult.Fail(400, "BadRequest", "the body is not a JSON array of patch operations");
        }

        if (operations.Any(o => o?["path"]?.GetValue<string>() is not { } path || !(path == "/status" || path.StartsWith("/status/", StringComparison.Ordinal))))
        {
            return StoreResult.Fail(422, "Invalid", "a status patch may only change .status");
        }

        if (Store.Get(resource, name) is not { } current)
        {
            return StoreResult.Fail(404, "NotFound", $"{resource.QualifiedName} \"{name}\" not found");
        }

        var (patched, error) = JsonPatch.Apply(current, operations);
        if (patched is null)
        {
            return StoreResult.Fail(422, "Invalid", error!);
        }

        patched["metadata"]!.AsObject().Remove("resourceVersion");
        return Store.Update(resource, name, patched);
    }

    private static async Task<JsonObject?> ReadBodyAsync(HttpContext http)
    {
        if (http.Request.ContentLength is 0)
        {
            return null;
        }

        try
        {
            return await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted).ConfigureAwait(false) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static StoreResult BadRequest() => StoreResult.Fail(400, "BadRequest", "the body is not a JSON object");

    private static IResult Reply(StoreResult result) => Results.Json(result.Body(), statusCode: result.Code);

    private void Count() => Interlocked.Increment(ref _requests);
}
