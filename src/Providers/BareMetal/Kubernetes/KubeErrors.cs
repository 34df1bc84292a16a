using System.Net;
using Cloudnet.Ipam.Cloud;
using k8s.Autorest;

namespace Cloudnet.Providers.BareMetal.Kubernetes;

/// <summary>Translates Kubernetes client failures into provider-neutral <see cref="CloudProviderException"/>s.</summary>
internal static class KubeErrors
{
    public static bool Is(Exception e, HttpStatusCode code) =>
        e is HttpOperationException { Response.StatusCode: var status } && status == code;

    /// <summary>True for failures a caller should map (HTTP errors, broken connections, timeouts).</summary>
    public static bool IsApiFailure(Exception e) =>
        e is HttpOperationException or HttpRequestException or IOException || (e is TaskCanceledException && e.InnerException is TimeoutException);

    public static CloudProviderException Translate(Exception e, string operation, string what)
    {
        var (kind, detail) = e switch
        {
            HttpOperationException { Response.StatusCode: HttpStatusCode.TooManyRequests } => (CloudErrorKind.Throttled, "429 Too Many Requests"),
            HttpOperationException { Response.StatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden } h =>
                (CloudErrorKind.Unauthorized, $"{(int)h.Response.StatusCode} (check the ClusterRole in deploy/crds/rbac-baremetal.yaml): {h.Response.Content}"),
            HttpOperationException { Response.StatusCode: HttpStatusCode.NotFound } h => (CloudErrorKind.NotFound, $"404: {h.Response.Content}"),
            HttpOperationException { Response.StatusCode: >= HttpStatusCode.InternalServerError } h => (CloudErrorKind.Transient, $"{(int)h.Response.StatusCode}: {h.Response.Content}"),
            HttpOperationException h => (CloudErrorKind.Other, $"{(int)h.Response.StatusCode}: {h.Response.Content}"),
            _ => (CloudErrorKind.Transient, e.Message),
        };
        return new CloudProviderException(kind, operation, $"{what}: {detail}", e);
    }
}
