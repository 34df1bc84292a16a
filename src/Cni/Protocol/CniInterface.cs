namespace Cloudnet.Cni.Protocol;

/// <summary>An entry of a result's <c>interfaces</c>.</summary>
/// <param name="Name">Interface name.</param>
/// <param name="Mac">Hardware address "aa:bb:cc:dd:ee:ff", or null.</param>
/// <param name="Sandbox">The netns path for interfaces inside the container; null on the host.</param>
/// <param name="Mtu">MTU in bytes (written from spec 1.1.0), or null.</param>
public sealed record CniInterface(string Name, string? Mac = null, string? Sandbox = null, int? Mtu = null);
