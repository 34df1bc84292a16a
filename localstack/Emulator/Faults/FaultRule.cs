namespace Cloudnet.Emulator.Faults;

/// <summary>Injected trouble for one action (or "*" for every action).</summary>
public sealed class FaultRule
{
    /// <summary>The EC2 action name, or "*". Default "*".</summary>
    public string Action { get; set; } = "*";

    /// <summary>Probability (0..1) that a call fails with <see cref="ErrorCode"/>. Default 0.</summary>
    public double ErrorRate { get; set; }

    /// <summary>The EC2 error code returned; its HTTP status follows EC2 (RequestLimitExceeded 503, InternalError 500, others 400). Default "InternalError".</summary>
    public string ErrorCode { get; set; } = "InternalError";

    /// <summary>Latency added to every call, in milliseconds. Default 0.</summary>
    public int LatencyMs { get; set; }
}
