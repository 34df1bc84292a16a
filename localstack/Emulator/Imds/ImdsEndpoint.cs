using System.Globalization;
using System.Text.Json;
using Cloudnet.Emulator.Control;
using Cloudnet.Emulator.State;
using Microsoft.AspNetCore.Http;

namespace Cloudnet.Emulator.Imds;

/// <summary>
/// IMDSv2 under /latest/: PUT /latest/api/token, then GETs carrying X-aws-ec2-metadata-token.
/// The view lags EC2 by <see cref="EmulatorOptions.ImdsLag"/>.
/// </summary>
internal sealed class ImdsEndpoint(Ec2State state, EmulatorOptions options, ImdsTokens tokens, CallCounter calls)
{
    private const string TtlHeader = "X-aws-ec2-metadata-token-ttl-seconds";
    private const string TokenHeader = "X-aws-ec2-metadata-token";

    public IResult PutToken(HttpContext context)
    {
        calls.RecordImds();
        // IMDS refuses token requests that went through a proxy (hop limit protection).
        if (context.Request.Headers.ContainsKey("X-Forwarded-For"))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var text = context.Request.Headers[TtlHeader].ToString();
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ttl) || ttl is < 1 or > ImdsTokens.MaxTtlSeconds)
        {
            return Results.Text("TTL header missing or outside 1.." + ImdsTokens.MaxTtlSeconds.ToString(CultureInfo.InvariantCulture), statusCode: 400);
        }

        context.Response.Headers[TtlHeader] = ttl.ToString(CultureInfo.InvariantCulture);
        return Results.Text(tokens.Issue(ttl), "text/plain");
    }

    public IResult Get(HttpContext context, string path) =>
        Serve(context, path, () => state.ImdsViewAt(options.TimeProvider.GetUtcNow(), options.ImdsLag));

    /// <summary>
    /// IMDS of any instance, booted or launched with RunInstances, under
    /// /_emulator/instances/{id}/latest/: one emulator serves a fleet of simulated nodes, each
    /// pointing its IMDS endpoint at its own instance. 404 for an unknown instance.
    /// </summary>
    public IResult GetFor(HttpContext context, string instanceId, string path) =>
        Serve(context, path, () => state.ImdsViewAt(instanceId, options.TimeProvider.GetUtcNow(), options.ImdsLag));

    private IResult Serve(HttpContext context, string path, Func<ImdsView> read)
    {
        calls.RecordImds();
        if (!tokens.IsValid(context.Request.Headers[TokenHeader].ToString()))
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        ImdsView view;
        try
        {
            view = read();
        }
        catch (Ec2Exception)
        {
            return Results.NotFound();
        }

        if (path == "dynamic/instance-identity/document")
        {
            return Results.Text(IdentityDocument(view), "application/json");
        }

        if (path == "meta-data" || path.StartsWith("meta-data/", StringComparison.Ordinal))
        {
            var text = ImdsTree.Resolve(ImdsTree.Build(view, options.Region, options.AccountId), path.Length > 10 ? path[10..] : "");
            if (text is not null)
            {
                return Results.Text(text, "text/plain");
            }
        }

        return Results.NotFound();
    }

    private string IdentityDocument(ImdsView view) => JsonSerializer.Serialize(new Dictionary<string, string?>
    {
        ["accountId"] = options.AccountId,
        ["availabilityZone"] = view.Instance.AvailabilityZone,
        ["imageId"] = view.Instance.ImageId,
        ["instanceId"] = view.Instance.InstanceId,
        ["instanceType"] = view.Instance.InstanceType,
        ["privateIp"] = view.Instance.PrivateIpAddress,
        ["region"] = options.Region,
        ["version"] = "2017-09-30",
    });
}
