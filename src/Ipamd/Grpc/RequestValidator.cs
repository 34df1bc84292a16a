using System.Text;
using Cloudnet.Contract;
using Cloudnet.Contract.V1;
using Cloudnet.Ipam.Addressing;
using Grpc.Core;

namespace Cloudnet.Ipamd.Grpc;

/// <summary>
/// Checks requests at the gRPC edge. Every refusal is an <see cref="RpcException"/> with
/// InvalidArgument naming the field (or FailedPrecondition for a client of another version).
/// </summary>
public static class RequestValidator
{
    /// <summary>Longest accepted text field, in characters.</summary>
    public const int MaxFieldLength = 256;

    /// <summary>Longest accepted netns path (PATH_MAX).</summary>
    public const int MaxPathLength = 4096;

    /// <summary>Linux IFNAMSIZ is 16 including the terminating NUL.</summary>
    public const int MaxIfNameBytes = 15;

    /// <summary>Refuses a client speaking another contract version.</summary>
    public static void CheckVersion(string clientVersion)
    {
        if (!string.Equals(clientVersion, ContractVersion.Current, StringComparison.Ordinal))
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"client_version '{Shorten(clientVersion)}' does not match the daemon's '{ContractVersion.Current}'; install matching cloudnet and cloudnet-ipamd"));
        }
    }

    /// <summary>Validates and converts an attachment key; <paramref name="field"/> prefixes field names.</summary>
    public static AllocationKey Key(AttachmentKey? key, string field = "key")
    {
        if (key is null)
        {
            throw Invalid(field, "is required");
        }

        Name(key.NetworkName, field + ".network_name");
        ContainerId(key.ContainerId, field + ".container_id");
        IfName(key.IfName, field + ".if_name");
        return new AllocationKey(key.NetworkName, key.ContainerId, key.IfName);
    }

    /// <summary>A network name: non-empty, printable, at most <see cref="MaxFieldLength"/> characters.</summary>
    public static void Name(string value, string field)
    {
        Required(value, field);
        Bounded(value, field);
        if (value.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '/'))
        {
            throw Invalid(field, "must not contain whitespace, control characters or '/'");
        }
    }

    /// <summary>The CNI spec's container id: an alphanumeric, then alphanumerics, '_', '.', '-'.</summary>
    public static void ContainerId(string value, string field)
    {
        Required(value, field);
        Bounded(value, field);
        if (!char.IsAsciiLetterOrDigit(value[0]) || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
        {
            throw Invalid(field, "must start with a letter or digit and contain only letters, digits, '_', '.' and '-'");
        }
    }

    /// <summary>A Linux interface name (dev_valid_name): 1-15 bytes, not "." or "..", no '/', ':' or whitespace.</summary>
    public static void IfName(string value, string field)
    {
        Required(value, field);
        if (Encoding.UTF8.GetByteCount(value) > MaxIfNameBytes)
        {
            throw Invalid(field, $"'{Shorten(value)}' is longer than {MaxIfNameBytes} bytes (IFNAMSIZ)");
        }

        if (value is "." or ".." || value.Any(c => c is '/' or ':' or '\0' || char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw Invalid(field, $"'{Shorten(value)}' is not a valid interface name (no '/', ':' or whitespace; not '.' or '..')");
        }
    }

    /// <summary>The pod's network namespace path: absolute, at most <see cref="MaxPathLength"/> characters.</summary>
    public static void Netns(string value, string field)
    {
        Required(value, field);
        if (value.Length > MaxPathLength || !value.StartsWith('/') || value.Contains('\0', StringComparison.Ordinal))
        {
            throw Invalid(field, $"'{Shorten(value)}' is not an absolute path of at most {MaxPathLength} characters");
        }
    }

    /// <summary>Optional metadata; bounded length.</summary>
    public static PodMetadata? Pod(PodInfo? pod, string netns, string field = "pod")
    {
        if (pod is null)
        {
            return new PodMetadata(null, null, null, netns);
        }

        Bounded(pod.Namespace, field + ".namespace");
        Bounded(pod.Name, field + ".name");
        Bounded(pod.Uid, field + ".uid");
        Bounded(pod.InfraContainerId, field + ".infra_container_id");
        return new PodMetadata(Empty(pod.Namespace), Empty(pod.Name), Empty(pod.Uid), netns);
    }

    /// <summary>An InvalidArgument status naming the field.</summary>
    public static RpcException Invalid(string field, string problem) =>
        new(new Status(StatusCode.InvalidArgument, $"{field}: {problem}"));

    private static void Required(string value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw Invalid(field, "is required");
        }
    }

    private static void Bounded(string value, string field)
    {
        if (value.Length > MaxFieldLength)
        {
            throw Invalid(field, $"is {value.Length} characters long; at most {MaxFieldLength} are allowed");
        }
    }

    private static string? Empty(string value) => value.Length == 0 ? null : value;

    private static string Shorten(string value) => value.Length <= 64 ? value : string.Concat(value.AsSpan(0, 61), "...");
}
