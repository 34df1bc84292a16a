using Amazon.EC2;
using Cloudnet.Ipam.Cloud;
using Polly;

namespace Cloudnet.Providers.Aws.Ec2;

/// <summary>
/// Runs one EC2 action through the node's <see cref="Ec2Resilience"/> pipeline, counts every
/// attempt, and turns failures into <see cref="CloudProviderException"/>s naming the action and ids.
/// </summary>
internal sealed class Ec2Caller
{
    private readonly IAmazonEC2 _client;
    private readonly Ec2Resilience _resilience;
    private readonly AwsMetrics _metrics;

    public Ec2Caller(IAmazonEC2 client, Ec2Resilience resilience, AwsMetrics metrics)
    {
        _client = client;
        _resilience = resilience;
        _metrics = metrics;
    }

    public IAmazonEC2 Client => _client;

    /// <summary>Calls <paramref name="call"/> as EC2 action <paramref name="action"/> about <paramref name="subject"/>.</summary>
    public async Task<T> CallAsync<T>(string action, string subject, Func<IAmazonEC2, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await _resilience.Pipeline.ExecuteAsync(
                async ct =>
                {
                    try
                    {
                        var result = await call(_client, ct).ConfigureAwait(false);
                        _metrics.Call(action, "ok");
                        return result;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        _metrics.Call(action, Ec2Errors.Classify(ex) switch
                        {
                            CloudErrorKind.Throttled => "throttled",
                            CloudErrorKind.Transient => "transient",
                            _ => "error",
                        });
                        throw;
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            throw Ec2Errors.Translate(action, subject, ex);
        }
    }
}
