namespace Cloudnet.Providers.Aws.Tests.Rig;

/// <summary>
/// A fact that drives the AWS CLI. Where <c>aws</c> is not on PATH it is skipped with the reason
/// printed; CI installs it (Debian's awscli), so there it always runs.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AwsCliFactAttribute : FactAttribute
{
    /// <summary>The printed skip reason.</summary>
    public const string NoCliReason =
        "needs the AWS CLI (`aws` on PATH, v1 or v2) to run localstack/init/ready.d/10-cloudnet-rig.sh; CI installs Debian's awscli";

    /// <summary>Sets <see cref="FactAttribute.Skip"/> when there is no <c>aws</c> on PATH.</summary>
    public AwsCliFactAttribute()
    {
        if (AwsCli.Path is null)
        {
            Skip = NoCliReason;
        }
    }
}
