namespace Cloudnet.Dataplane.Interop;

/// <summary>
/// Linux errno values the data plane reports or tests for, with their symbolic names so error
/// messages read "EEXIST (file exists)" rather than "-17".
/// </summary>
public static class Errno
{
    /// <summary>Operation not permitted.</summary>
    public const int EPERM = 1;

    /// <summary>No such file or directory (also: rule or neighbour not found).</summary>
    public const int ENOENT = 2;

    /// <summary>No such process (rtnetlink: route not found).</summary>
    public const int ESRCH = 3;

    /// <summary>Interrupted (also reported for a dump that kept being interrupted).</summary>
    public const int EINTR = 4;

    /// <summary>Bad file descriptor.</summary>
    public const int EBADF = 9;

    /// <summary>Try again (also: socket receive timeout).</summary>
    public const int EAGAIN = 11;

    /// <summary>Out of memory.</summary>
    public const int ENOMEM = 12;

    /// <summary>Permission denied.</summary>
    public const int EACCES = 13;

    /// <summary>Device or resource busy.</summary>
    public const int EBUSY = 16;

    /// <summary>File exists (link, address, route or rule already present).</summary>
    public const int EEXIST = 17;

    /// <summary>No such device (link not found).</summary>
    public const int ENODEV = 19;

    /// <summary>Invalid argument.</summary>
    public const int EINVAL = 22;

    /// <summary>Numerical result out of range (e.g. MTU).</summary>
    public const int ERANGE = 34;

    /// <summary>Operation not supported.</summary>
    public const int EOPNOTSUPP = 95;

    /// <summary>Address family not supported.</summary>
    public const int EAFNOSUPPORT = 97;

    /// <summary>Address already in use.</summary>
    public const int EADDRINUSE = 98;

    /// <summary>Cannot assign requested address (rtnetlink: address not found).</summary>
    public const int EADDRNOTAVAIL = 99;

    /// <summary>Network is unreachable (e.g. gateway not reachable without onlink).</summary>
    public const int ENETUNREACH = 101;

    /// <summary>No buffer space (netlink receive queue overrun).</summary>
    public const int ENOBUFS = 105;

    /// <summary>Connection timed out.</summary>
    public const int ETIMEDOUT = 110;

    /// <summary>No route to host.</summary>
    public const int EHOSTUNREACH = 113;

    /// <summary>The symbolic name ("EEXIST"), or "errno N" for values not listed here.</summary>
    public static string Name(int errno) => errno switch
    {
        EPERM => nameof(EPERM),
        ENOENT => nameof(ENOENT),
        ESRCH => nameof(ESRCH),
        EINTR => nameof(EINTR),
        EBADF => nameof(EBADF),
        EAGAIN => nameof(EAGAIN),
        ENOMEM => nameof(ENOMEM),
        EACCES => nameof(EACCES),
        EBUSY => nameof(EBUSY),
        EEXIST => nameof(EEXIST),
        ENODEV => nameof(ENODEV),
        EINVAL => nameof(EINVAL),
        ERANGE => nameof(ERANGE),
        EOPNOTSUPP => nameof(EOPNOTSUPP),
        EAFNOSUPPORT => nameof(EAFNOSUPPORT),
        EADDRINUSE => nameof(EADDRINUSE),
        EADDRNOTAVAIL => nameof(EADDRNOTAVAIL),
        ENETUNREACH => nameof(ENETUNREACH),
        ENOBUFS => nameof(ENOBUFS),
        ETIMEDOUT => nameof(ETIMEDOUT),
        EHOSTUNREACH => nameof(EHOSTUNREACH),
        _ => $"errno {errno}",
    };

    /// <summary>A short description ("file exists"), or an empty string for values not listed.</summary>
    public static string Describe(int errno) => errno switch
    {
        EPERM => "operation not permitted",
        ENOENT => "no such file or directory",
        ESRCH => "no such process",
        EINTR => "interrupted",
        EBADF => "bad file descriptor",
        EAGAIN => "resource temporarily unavailable",
        ENOMEM => "out of memory",
        EACCES => "permission denied",
        EBUSY => "device or resource busy",
        EEXIST => "file exists",
        ENODEV => "no such device",
        EINVAL => "invalid argument",
        ERANGE => "numerical result out of range",
        EOPNOTSUPP => "operation not supported",
        EAFNOSUPPORT => "address family not supported",
        EADDRINUSE => "address already in use",
        EADDRNOTAVAIL => "cannot assign requested address",
        ENETUNREACH => "network is unreachable",
        ENOBUFS => "no buffer space available",
        ETIMEDOUT => "timed out",
        EHOSTUNREACH => "no route to host",
        _ => string.Empty,
    };
}
