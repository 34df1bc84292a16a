using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Cloudnet.Ipamd.Hosting;

/// <summary>The three Kestrel listen options, kept to read the bound ports after start.</summary>
internal sealed class KestrelListeners
{
    public ListenOptions Socket { get; set; } = null!;

    public ListenOptions Introspection { get; set; } = null!;

    public ListenOptions Metrics { get; set; } = null!;
}
