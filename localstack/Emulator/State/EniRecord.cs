namespace Cloudnet.Emulator.State;

/// <summary>The mutable state of one ENI, owned by <see cref="Ec2State"/> and touched only under its lock.</summary>
internal sealed class EniRecord
{
    public required string Id { get; init; }

    public required SubnetRecord Subnet { get; init; }

    public required string MacAddress { get; init; }

    public required uint PrimaryIp { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public string Description { get; set; } = "";

    public List<string> SecurityGroupIds { get; } = [];

    /// <summary>Secondary addresses with the time each was assigned (IMDS shows them after the lag).</summary>
    public List<TimedValue> SecondaryIps { get; } = [];

    /// <summary>/28 prefixes by their first address, with the time each was assigned.</summary>
    public List<TimedValue> Prefixes { get; } = [];

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    public AttachmentRecord? Attachment { get; set; }

    /// <summary>Slots used against the per-ENI IPv4 limit: the primary, each secondary, each prefix.</summary>
    public int UsedSlots => 1 + SecondaryIps.Count + Prefixes.Count;
}

/// <summary>A value (address or prefix start) and when it was assigned.</summary>
internal readonly record struct TimedValue(uint Value, DateTimeOffset At);

/// <summary>Where an ENI is attached.</summary>
internal sealed class AttachmentRecord
{
    public required string AttachmentId { get; init; }

    public required InstanceRecord Instance { get; init; }

    public required int DeviceIndex { get; init; }

    public required DateTimeOffset AttachedAt { get; init; }

    public bool DeleteOnTermination { get; set; }

    /// <summary>Set while a detach is in progress (EC2 detaches asynchronously); the ENI stays in-use until then.</summary>
    public DateTimeOffset? DetachingUntil { get; set; }
}
