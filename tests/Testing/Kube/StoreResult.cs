using System.Text.Json.Nodes;

namespace Cloudnet.Testing.Kube;

/// <summary>Outcome of a store write: the object and HTTP status, or a Kubernetes Status failure.</summary>
public sealed record StoreResult(int Code, JsonObject? Item, string? Reason, string? Message)
{
    /// <summary>True for 2xx.</summary>
    public bool IsSuccess => Code is >= 200 and < 300;

    internal static StoreResult Ok(JsonObject obj, int code) => new(code, obj, null, null);

    internal static StoreResult Fail(int code, string reason, string message) => new(code, null, reason, message);

    /// <summary>The body to send: the object, or a v1 Status.</summary>
    public JsonObject Body() => Item ?? new JsonObject
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = Message,
        ["reason"] = Reason,
        ["code"] = Code,
    };
}
