namespace Cloudnet.Cni.Protocol;

/// <summary>The operations of the CNI specification, passed in <c>CNI_COMMAND</c>.</summary>
public enum CniCommand
{
    /// <summary>Attach the container to the network.</summary>
    Add,

    /// <summary>Detach the container; best effort and idempotent.</summary>
    Del,

    /// <summary>Verify an attachment against its <c>prevResult</c> (spec 0.4.0 and later).</summary>
    Check,

    /// <summary>Report the supported spec versions.</summary>
    Version,

    /// <summary>Release everything not in the runtime's valid attachments (spec 1.1.0).</summary>
    Gc,

    /// <summary>Report whether an ADD can succeed now (spec 1.1.0).</summary>
    Status,
}
