namespace Cloudnet.Cni.Protocol;

/// <summary>
/// The Kubernetes keys of <c>CNI_ARGS</c> ("K=V;K2=V2"). Every key is optional: kubelet sends all
/// four, podman only <c>K8S_POD_NAME</c>, plain runtimes none. Unknown keys are ignored whether or
/// not the runtime sent <c>IgnoreUnknown=1</c> — a plugin that rejects them breaks on new runtimes.
/// </summary>
public sealed record CniArgs(string? PodNamespace, string? PodName, string? PodInfraContainerId, string? PodUid)
{
    /// <summary>No arguments.</summary>
    public static CniArgs Empty { get; } = new(null, null, null, null);

    /// <summary>Parses the value of <c>CNI_ARGS</c>; null or empty gives <see cref="Empty"/>.</summary>
    /// <exception cref="CniException">Code 4: a pair without '=' or with an empty key.</exception>
    public static CniArgs Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Empty;
        }

        string? ns = null, name = null, infra = null, uid = null;
        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new CniException(
                    CniErrorCode.InvalidEnvironment,
                    $"CNI_ARGS: invalid pair '{pair}' (expected KEY=VALUE pairs separated by ';')");
            }

            var value = pair[(eq + 1)..];
            var nonEmpty = value.Length == 0 ? null : value;
            switch (pair[..eq])
            {
                case "K8S_POD_NAMESPACE": ns = nonEmpty; break;
                case "K8S_POD_NAME": name = nonEmpty; break;
                case "K8S_POD_INFRA_CONTAINER_ID": infra = nonEmpty; break;
                case "K8S_POD_UID": uid = nonEmpty; break;
                default: break;
            }
        }

        return new CniArgs(ns, name, infra, uid);
    }
}
