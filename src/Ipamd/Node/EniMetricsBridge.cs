using Cloudnet.Ipamd.Metrics;
using Cloudnet.Providers.Aws;

namespace Cloudnet.Ipamd.Node;

/// <summary>
/// Copies <see cref="AwsMetrics"/> into the daemon's Prometheus registry just before each scrape:
/// cloudnet_aws_ec2_calls_total{action,outcome}, cloudnet_aws_prefix_insufficient_cidr_total,
/// cloudnet_aws_leaked_enis_deleted_total, cloudnet_aws_max_pods and cloudnet_aws_ec2_tokens_available.
/// </summary>
public sealed class EniMetricsBridge
{
    private readonly Counter _calls;
    private readonly Counter _prefixFallbacks;
    private readonly Counter _leaks;
    private readonly Gauge _maxPods;
    private readonly Gauge _tokens;

    /// <summary>Creates the Prometheus metrics in <paramref name="registry"/> and hooks the copy.</summary>
    public EniMetricsBridge(MetricRegistry registry, AwsMetrics metrics, Func<long> availableTokens)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(metrics);
        _calls = registry.CreateCounter("cloudnet_aws_ec2_calls_total", "EC2 API attempts by action and outcome (ok, throttled, transient, error); retries count.", "action", "outcome");
        _prefixFallbacks = registry.CreateCounter("cloudnet_aws_prefix_insufficient_cidr_total", "Prefix assignments EC2 refused with InsufficientCidrBlocks (the reconciler falls back to single addresses).");
        _leaks = registry.CreateCounter("cloudnet_aws_leaked_enis_deleted_total", "Leaked ENIs deleted by the sweep.");
        _maxPods = registry.CreateGauge("cloudnet_aws_max_pods", "Pods the node can hold, computed as AWS does for the configured mode.");
        _tokens = registry.CreateGauge("cloudnet_aws_ec2_tokens_available", "Tokens left in the node's EC2 token bucket.");
        registry.AddBeforeCollectCallback(() =>
        {
            foreach (var ((action, outcome), count) in metrics.Ec2Calls)
            {
                _calls.WithLabels(action, outcome).IncTo(count);
            }

            _prefixFallbacks.IncTo(metrics.PrefixFallbacks);
            _leaks.IncTo(metrics.LeakedEnisDeleted);
            _maxPods.Set(metrics.MaxPods);
            _tokens.Set(availableTokens());
        });
    }
}
