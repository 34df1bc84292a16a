using Cloudnet.Dataplane.Namespaces;

namespace Cloudnet.Dataplane.Sysctl;

/// <summary>
/// <see cref="ISysctl"/> over /proc/sys. The kernel resolves /proc/sys/net by the network
/// namespace of the thread that opens the file, so for another namespace every access runs
/// inside it through <see cref="NetworkNamespace.Run{T}(Func{T})"/>.
/// </summary>
public sealed class ProcSysctl : ISysctl
{
    private const string Root = "/proc/sys/";
    private readonly NetworkNamespace? _namespace;

    /// <summary>Accesses the sysctls of <paramref name="networkNamespace"/>, or of the process's own namespace when null.</summary>
    public ProcSysctl(NetworkNamespace? networkNamespace = null) => _namespace = networkNamespace;

    /// <inheritdoc />
    public string Read(string key)
    {
        var path = PathOf(key);
        try
        {
            return InNamespace(() => File.ReadAllText(path)).Trim();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new SysctlException($"read sysctl {Normalise(key)} in {Where}: {exception.Message}", Normalise(key), exception);
        }
    }

    /// <inheritdoc />
    public void Write(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var path = PathOf(key);
        try
        {
            InNamespace(() =>
            {
                // Open without truncation or creation: /proc/sys files exist or the key is wrong.
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1);
                var bytes = System.Text.Encoding.ASCII.GetBytes(value + "\n");
                stream.Write(bytes);
                return true;
            });
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new SysctlException($"write sysctl {Normalise(key)}={value} in {Where}: {exception.Message}", Normalise(key), exception);
        }
    }

    private string Where => _namespace?.ToString() ?? "the process's namespace";

    private T InNamespace<T>(Func<T> work) => _namespace is null ? work() : _namespace.Run(work);

    /// <summary>"net.ipv4.ip_forward" → "net/ipv4/ip_forward"; slash keys are kept.</summary>
    internal static string Normalise(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return key.Contains('/', StringComparison.Ordinal) ? key : key.Replace('.', '/');
    }

    private static string PathOf(string key)
    {
        var normalised = Normalise(key);
        var parts = normalised.Split('/');
        if (parts[0] != "net" || parts.Any(part => part.Length == 0 || part is "." or ".."))
        {
            throw new ArgumentException($"'{key}' is not a network sysctl key (expected e.g. net/ipv4/ip_forward)", nameof(key));
        }

        return Root + normalised;
    }
}
