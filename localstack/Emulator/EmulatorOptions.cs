using Microsoft.Extensions.Logging;

namespace Cloudnet.Emulator;

/// <summary>
/// What the emulator boots with. The initialisers are the defaults: a 10.0.0.0/16 VPC, subnets
/// derived from it (a /19 holding the instance, a second /19, and a small /27 that is easy to
/// exhaust), one running m5.large, no IMDS lag, seed 1.
/// </summary>
public sealed class EmulatorOptions
{
    /// <summary>host:port to listen on; port 0 picks a free port. Default "127.0.0.1:0".</summary>
    public string Listen { get; set; } = "127.0.0.1:0";

    /// <summary>The instance's type; must be in <see cref="State.InstanceTypeTable"/>. Default "m5.large".</summary>
    public string InstanceType { get; set; } = "m5.large";

    /// <summary>
    /// Instance types added to <see cref="State.InstanceTypeTable"/>, or replacing a type of the same
    /// name there (e.g. to test a client whose built-in limits differ from what EC2 answers, or a
    /// type the client does not know). Default: none.
    /// </summary>
    public IList<State.InstanceTypeInfo> ExtraInstanceTypes { get; } = [];

    /// <summary>The VPC's IPv4 CIDR, /16 to /24. Default "10.0.0.0/16".</summary>
    public string VpcCidr { get; set; } = "10.0.0.0/16";

    /// <summary>
    /// Subnet CIDRs inside the VPC; the first holds the instance. Null derives three from the VPC:
    /// the first and second /(n+3) and a /27 at the start of the third (10.0.0.0/19, 10.0.32.0/19,
    /// 10.0.64.0/27 for the default VPC).
    /// </summary>
    public IList<string>? SubnetCidrs { get; set; }

    /// <summary>Region reported by IMDS. Default "us-east-1".</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Zone of every subnet and the instance. Default "us-east-1a".</summary>
    public string AvailabilityZone { get; set; } = "us-east-1a";

    /// <summary>Owner account id in responses. Default "123456789012".</summary>
    public string AccountId { get; set; } = "123456789012";

    /// <summary>Seed for ids, address picks and fault injection; the same seed gives the same run. Default 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>How long new ENIs and addresses take to show in IMDS (EC2 lags too). Default zero.</summary>
    public TimeSpan ImdsLag { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// How long a detach takes: meanwhile the attachment is "detaching", the ENI stays in-use and
    /// DeleteNetworkInterface fails with InvalidNetworkInterface.InUse, as on EC2. Default zero.
    /// </summary>
    public TimeSpan DetachDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Create a dummy link with the ENI's MAC in <see cref="Netns"/> on attach, remove it on detach.</summary>
    public bool MaterializeEnis { get; set; }

    /// <summary>The network namespace that stands in for the node (needed with <see cref="MaterializeEnis"/>).</summary>
    public string? Netns { get; set; }

    /// <summary>
    /// Optional namespace standing in for the VPC: materialised ENIs become veths whose peers
    /// ("vpc-ethN", up) live there, so packets sent through an ENI arrive somewhere. Null: a dummy
    /// link (or, where the kernel lacks dummy, a veth with its peer in <see cref="Netns"/>).
    /// </summary>
    public string? VpcNetns { get; set; }

    /// <summary>Clock for IMDS tokens and lag, token buckets and timestamps. Default the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Minimum level written to stderr; <see cref="LogLevel.None"/> silences the emulator. Default Warning.</summary>
    public LogLevel LogLevel { get; set; } = LogLevel.Warning;
}
