using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Pool;

namespace Cloudnet.Ipamd.State;

/// <summary>
/// Orders ADD's assignment against the reconciler taking free addresses out of the pool before
/// it returns them to the cloud: without it an ADD could be handed an address in the instant
/// between "still free" and "withdrawn", and the pod would hold an address the node gave away.
/// Held only for in-memory work, never across I/O.
/// </summary>
public sealed class AssignGate(Datastore datastore)
{
    private readonly Lock _lock = new();

    /// <summary>Assigns under the gate.</summary>
    public AssignResult Assign(AllocationKey key, PodMetadata? pod)
    {
        lock (_lock)
        {
            return datastore.Assign(key, pod);
        }
    }

    /// <summary>Runs <paramref name="withdraw"/> while no ADD can assign.</summary>
    public T Exclusive<T>(Func<Datastore, T> withdraw)
    {
        ArgumentNullException.ThrowIfNull(withdraw);
        lock (_lock)
        {
            return withdraw(datastore);
        }
    }
}
