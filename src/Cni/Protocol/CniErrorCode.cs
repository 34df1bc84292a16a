namespace Cloudnet.Cni.Protocol;

/// <summary>The well-known error codes of the CNI specification (section 5, "Error").</summary>
public enum CniErrorCode
{
    /// <summary>The configuration's <c>cniVersion</c> is not one this plugin supports.</summary>
    IncompatibleVersion = 1,

    /// <summary>A configuration field this plugin does not support; the message names key and value.</summary>
    UnsupportedField = 2,

    /// <summary>The container (its network namespace) is unknown or does not exist.</summary>
    UnknownContainer = 3,

    /// <summary>A necessary environment variable is missing or invalid; the message names it.</summary>
    InvalidEnvironment = 4,

    /// <summary>An I/O failure: stdin, the spool, or the kernel (netlink, namespaces).</summary>
    IOFailure = 5,

    /// <summary>The configuration or a result could not be decoded.</summary>
    DecodingFailure = 6,

    /// <summary>The configuration decoded but failed validation.</summary>
    InvalidConfiguration = 7,

    /// <summary>A transient condition: the daemon is unreachable, not ready, or out of addresses.</summary>
    TryAgainLater = 11,

    /// <summary>STATUS: the plugin cannot serve ADD requests now.</summary>
    NotAvailable = 50,

    /// <summary>STATUS: not available, and existing containers may have limited connectivity.</summary>
    NotAvailableDegraded = 51,

    /// <summary>Plugin specific: the daemon speaks a different contract version than this binary.</summary>
    ContractMismatch = 100,

    /// <summary>Plugin specific: the daemon failed or answered something this binary cannot use.</summary>
    DaemonFailure = 101,

    /// <summary>Plugin specific: CHECK found the attachment not as ADD left it.</summary>
    CheckFailed = 102,

    /// <summary>An unexpected failure (a bug); the same value libcni uses for internal errors.</summary>
    Internal = 999,
}
