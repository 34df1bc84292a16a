namespace Cloudnet.Emulator.State;

/// <summary>CreateTags and DeleteTags over ENIs, subnets, instances, VPCs and security groups.</summary>
public sealed partial class Ec2State
{
    /// <summary>CreateTags: sets (overwrites) the tags on every resource; all resources must exist.</summary>
    public void CreateTags(IReadOnlyList<string> resourceIds, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        ArgumentNullException.ThrowIfNull(resourceIds);
        ArgumentNullException.ThrowIfNull(tags);
        RequireResources(resourceIds);
        lock (_gate)
        {
            Settle();
            var targets = resourceIds.Select(TagsOf).ToList();
            foreach (var target in targets)
            {
                foreach (var (key, value) in tags)
                {
                    target[key] = value;
                }
            }
        }
    }

    /// <summary>DeleteTags: removes each key, only when its value matches if a value is given (null = any value).</summary>
    public void DeleteTags(IReadOnlyList<string> resourceIds, IReadOnlyList<KeyValuePair<string, string?>> tags)
    {
        ArgumentNullException.ThrowIfNull(resourceIds);
        ArgumentNullException.ThrowIfNull(tags);
        RequireResources(resourceIds);
        lock (_gate)
        {
            Settle();
            var targets = resourceIds.Select(TagsOf).ToList();
            foreach (var target in targets)
            {
                if (tags.Count == 0)
                {
                    target.Clear();
                }

                foreach (var (key, value) in tags)
                {
                    if (target.TryGetValue(key, out var current) && (value is null || value == current))
                    {
                        target.Remove(key);
                    }
                }
            }
        }
    }

    private static void RequireResources(IReadOnlyList<string> resourceIds)
    {
        if (resourceIds.Count == 0)
        {
            throw new Ec2Exception(Ec2ErrorCodes.MissingParameter, "The request must contain the parameter ResourceId");
        }
    }

    private Dictionary<string, string> TagsOf(string id)
    {
        if (id.StartsWith("eni-", StringComparison.Ordinal))
        {
            return FindEni(id).Tags;
        }

        if (id.StartsWith("subnet-", StringComparison.Ordinal))
        {
            return FindSubnet(id).Tags;
        }

        if (id.StartsWith("i-", StringComparison.Ordinal))
        {
            return FindInstance(id).Tags;
        }

        if (id.StartsWith("vpc-", StringComparison.Ordinal))
        {
            return FindVpc(id).Tags;
        }

        return id.StartsWith("sg-", StringComparison.Ordinal) ? FindGroup(id).Tags
            : throw new Ec2Exception("InvalidID", $"The ID '{id}' is not valid");
    }
}
