namespace Cloudnet.Ipam.Cloud;

/// <summary>
/// What a new interface is created with: secondary addresses or delegated prefixes, assigned in
/// the same cloud call where the cloud allows it (EC2's CreateNetworkInterface takes a count of
/// either), so a new interface is usable without a second call.
/// </summary>
/// <param name="Addresses">Secondary addresses to assign at creation (0: none).</param>
/// <param name="Prefixes">Delegated prefixes to assign at creation (0: none).</param>
public sealed record InterfaceFill(int Addresses = 0, int Prefixes = 0)
{
    /// <summary>An interface created empty; the next plan fills it.</summary>
    public static InterfaceFill None { get; } = new();

    /// <summary>True when nothing is to be assigned at creation.</summary>
    public bool IsEmpty => Addresses <= 0 && Prefixes <= 0;
}
