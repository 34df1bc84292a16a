namespace Cloudnet.Ipamd.Hosting;

/// <summary>The daemon's three listeners; each endpoint answers on exactly one of them.</summary>
public enum Listener
{
    /// <summary>gRPC on the Unix socket.</summary>
    Grpc,

    /// <summary>Introspection JSON on CLOUDNET_INTROSPECTION_ADDR.</summary>
    Introspection,

    /// <summary>Prometheus text on CLOUDNET_METRICS_ADDR.</summary>
    Metrics,
}

/// <summary>Endpoint metadata: the listener the endpoint belongs to.</summary>
public sealed record OnListener(Listener Listener);
