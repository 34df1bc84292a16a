namespace Cloudnet.Bench.AwsPolicy;

/// <summary>
/// The decision of one pool-monitor tick of AWS VPC CNI's ipamd in its default mode (secondary IPs,
/// only WARM_ENI_TARGET set), as a pure function. Modelled on amazon-vpc-cni-k8s pkg/ipamd
/// (isDatastorePoolTooLow, increaseDatastorePool, shouldRemoveExtraENIs, datastore getDeletableENI):
/// <list type="bullet">
/// <item>available = total − assigned: addresses in cooldown count as available
/// (DataStoreStats.AvailableAddresses), so a pool full of cooling addresses never grows;</item>
/// <item>too low when the pool holds fewer than max pods and available &lt; WARM_ENI_TARGET × addresses per ENI:
/// first fill an attached ENI that is short of addresses, else attach a new ENI with a whole ENI's worth;</item>
/// <item>with only WARM_ENI_TARGET set the pool is never "too high" for single addresses; an ENI is freed when
/// available ≥ (WARM_ENI_TARGET + 1) × addresses per ENI and some ENI is not the primary, is at least
/// minENILifeTime old, has no pod and no address in cooldown.</item>
/// </list>
/// </summary>
public static class AwsStylePolicy
{
    /// <summary>What the tick at <paramref name="now"/> does for <paramref name="enis"/>.</summary>
    public static AwsStyleAction Decide(IReadOnlyList<EniView> enis, AwsStyleSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(enis);
        ArgumentNullException.ThrowIfNull(settings);
        var total = enis.Sum(e => e.Addresses);
        var available = total - enis.Sum(e => e.Assigned);
        var perEni = settings.AddressesPerEni;
        var low = total < settings.MaxPods
            && (available < perEni * settings.WarmEniTarget || (settings.WarmEniTarget == 0 && available == 0));
        if (low)
        {
            if (enis.FirstOrDefault(e => e.Addresses < perEni) is { } shortEni)
            {
                return new AwsStyleAction(AwsStyleActionKind.FillEni, shortEni.Id, perEni - shortEni.Addresses);
            }

            return enis.Count < settings.MaxEnis ? new AwsStyleAction(AwsStyleActionKind.AttachEni, Count: perEni) : AwsStyleAction.None;
        }

        if (available >= (settings.WarmEniTarget + 1) * perEni
            && enis.FirstOrDefault(e => !e.IsPrimary && now - e.CreatedAt >= settings.MinEniLifetime && e.Assigned == 0 && e.Cooling == 0) is { } unused)
        {
            return new AwsStyleAction(AwsStyleActionKind.FreeEni, unused.Id);
        }

        return AwsStyleAction.None;
    }
}
