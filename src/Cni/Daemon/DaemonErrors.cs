using Cloudnet.Cni.Protocol;
using Grpc.Core;

namespace Cloudnet.Cni.Daemon;

/// <summary>Maps the daemon's gRPC status codes to CNI error codes (DESIGN.md, "Contracts").</summary>
public static class DaemonErrors
{
    /// <summary>True when the daemon could not be reached or is not serving: DEL spools, STATUS reports 50.</summary>
    public static bool IsUnreachable(RpcException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded;
    }

    /// <summary>The CNI error for a failed call; <paramref name="subject"/> names the operation and ids.</summary>
    public static CniException ToCni(string subject, string socketPath, RpcException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var detail = string.IsNullOrEmpty(ex.Status.Detail) ? ex.StatusCode.ToString() : ex.Status.Detail;
        var details = $"daemon socket {socketPath}; gRPC status {ex.StatusCode}: {detail}"
            + (ex.Status.DebugException is { } inner ? $" ({inner.GetType().Name}: {inner.Message})" : string.Empty);
        var (code, what) = ex.StatusCode switch
        {
            StatusCode.ResourceExhausted => (CniErrorCode.TryAgainLater, "no address available now"),
            StatusCode.Unavailable => (CniErrorCode.TryAgainLater, "daemon unreachable or not ready"),
            StatusCode.DeadlineExceeded => (CniErrorCode.TryAgainLater, "daemon did not answer in time"),
            StatusCode.FailedPrecondition => (CniErrorCode.ContractMismatch, "daemon rejected the request (contract version mismatch?)"),
            StatusCode.InvalidArgument => (CniErrorCode.InvalidConfiguration, "daemon rejected the request as invalid"),
            StatusCode.NotFound => (CniErrorCode.CheckFailed, "daemon holds no allocation for the attachment"),
            _ => (CniErrorCode.DaemonFailure, "daemon call failed"),
        };
        return new CniException(code, $"{subject}: {what}: {detail}", details, ex);
    }
}
