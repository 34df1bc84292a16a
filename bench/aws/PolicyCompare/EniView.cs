namespace Cloudnet.Bench.AwsPolicy;

/// <summary>One ENI of the AWS-style datastore as the pool monitor sees it.</summary>
/// <param name="Id">eni-….</param>
/// <param name="IsPrimary">Device 0: never freed.</param>
/// <param name="CreatedAt">When the model attached it (or found it at start).</param>
/// <param name="Addresses">Secondary addresses in the datastore.</param>
/// <param name="Assigned">Addresses held by pods.</param>
/// <param name="Cooling">Free addresses still inside IP_COOLDOWN_PERIOD.</param>
public sealed record EniView(string Id, bool IsPrimary, DateTimeOffset CreatedAt, int Addresses, int Assigned, int Cooling);
