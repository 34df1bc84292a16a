namespace Cloudnet.Bench.AwsPolicy;

/// <summary>Pods of the AWS-style model: ADD takes an address from its datastore or fails at once; DEL frees it.</summary>
public sealed class ModelPodNetwork(AwsStyleDatastore datastore, TimeProvider time) : IPodNetwork
{
    /// <inheritdoc />
    public Task<bool> AddAsync(string pod, CancellationToken cancellationToken) =>
        Task.FromResult(datastore.Assign(pod, time.GetUtcNow()) is not null);

    /// <inheritdoc />
    public Task DelAsync(string pod, CancellationToken cancellationToken)
    {
        datastore.Release(pod, time.GetUtcNow());
        return Task.CompletedTask;
    }
}
