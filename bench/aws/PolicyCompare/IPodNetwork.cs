namespace Cloudnet.Bench.AwsPolicy;

/// <summary>Where the workload's pods get their addresses: cloudnet through its CNI binary, or the AWS-style model.</summary>
public interface IPodNetwork
{
    /// <summary>One ADD; false when it failed (the runtime retries it later).</summary>
    Task<bool> AddAsync(string pod, CancellationToken cancellationToken);

    /// <summary>DEL; best effort.</summary>
    Task DelAsync(string pod, CancellationToken cancellationToken);
}
