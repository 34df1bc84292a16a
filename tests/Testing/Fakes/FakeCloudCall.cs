namespace Cloudnet.Testing.Fakes;

/// <summary>One call the fake cloud received.</summary>
/// <param name="Operation">One of <see cref="FakeCloudOperations"/>.</param>
/// <param name="InterfaceId">The interface the call named, if any.</param>
/// <param name="Count">Requested or released count, if any.</param>
/// <param name="Error">The injected or real error kind, or null when the call succeeded.</param>
/// <param name="At">When the call arrived, by the fake's clock.</param>
public sealed record FakeCloudCall(string Operation, string? InterfaceId, int Count, Ipam.Cloud.CloudErrorKind? Error, DateTimeOffset At)
{
    /// <summary>True when the call succeeded.</summary>
    public bool Succeeded => Error is null;
}

/// <summary>Operation names used in the call log and for fault injection.</summary>
public static class FakeCloudOperations
{
    /// <summary><see cref="Ipam.Cloud.ICloudProvider.DescribeAsync"/>.</summary>
    public const string Describe = "Describe";

    /// <summary><see cref="Ipam.Cloud.ICloudProvider.CreateInterfaceAsync"/>.</summary>
    public const string CreateInterface = "CreateInterface";

    /// <summary><see cref="Ipam.Cloud.ICloudProvider.AssignAddressesAsync"/>.</summary>
    public const string AssignAddresses = "AssignAddresses";

    /// <summary><see cref="Ipam.Cloud.ICloudProvider.AssignPrefixesAsync"/>.</summary>
    public const string AssignPrefixes = "AssignPrefixes";

    /// <summary><see cref="Ipam.Cloud.ICloudProvider.ReleaseAddressesAsync"/>.</summary>
    public const string ReleaseAddresses = "ReleaseAddresses";

    /// <summary><see cref="Ipam.Cloud.ICloudProvider.ReleasePrefixesAsync"/>.</summary>
    public const string ReleasePrefixes = "ReleasePrefixes";

    /// <summary><see cref="Ipam.Cloud.ICloudProvider.DeleteInterfaceAsync"/>.</summary>
    public const string DeleteInterface = "DeleteInterface";
}
