namespace Cloudnet.Emulator.State;

/// <summary>A VPC as DescribeVpcs shows it.</summary>
/// <param name="VpcId">vpc-….</param>
/// <param name="CidrBlock">e.g. "10.0.0.0/16".</param>
/// <param name="Tags">Key to value.</param>
public sealed record VpcSnapshot(string VpcId, string CidrBlock, IReadOnlyDictionary<string, string> Tags);
