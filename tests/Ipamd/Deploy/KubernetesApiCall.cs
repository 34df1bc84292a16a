namespace Cloudnet.Ipamd.Tests.Deploy;

/// <summary>One permission a Kubernetes API call of the daemon needs: RBAC's (API group, resource, verb).</summary>
/// <param name="Group">API group ("" for the core group).</param>
/// <param name="Resource">Plural resource name ("nodes", "ipamblocks").</param>
/// <param name="Verb">RBAC verb (get, list, watch, create, delete, patch, update).</param>
public sealed record KubernetesApiCall(string Group, string Resource, string Verb)
{
    /// <inheritdoc />
    public override string ToString() => $"{Verb} {(Group.Length == 0 ? "core" : Group)}/{Resource}";
}
