namespace Cloudnet.Bench.AwsPolicy;

/// <summary>How one pod's start went.</summary>
/// <param name="Pod">Its name.</param>
/// <param name="InChurn">Started in the churn phase (not warm-up).</param>
/// <param name="FailedAdds">ADDs that failed before one succeeded.</param>
/// <param name="TimeToAddress">From its scheduled start until an ADD succeeded; null when the pod was deleted before one did.</param>
public sealed record PodStart(string Pod, bool InChurn, int FailedAdds, TimeSpan? TimeToAddress);
