using System.Globalization;
using System.Text;
using Cloudnet.Emulator.State;

namespace Cloudnet.Emulator.Api;

/// <summary>The Describe* actions, with filters and NextToken pagination.</summary>
internal sealed partial class Ec2Actions
{
    private void DescribeNetworkInterfaces(QueryParameters q, Ec2Xml x)
    {
        var ids = q.List("NetworkInterfaceId");
        var filters = q.Filters();
        var max = q.Int("MaxResults");
        if (ids.Count > 0 && max is not null)
        {
            throw new Ec2Exception(Ec2ErrorCodes.InvalidParameterCombination, "The parameter NetworkInterfaceIds cannot be used with the parameter MaxResults");
        }

        if (max is < 5 or > 1000)
        {
            throw new Ec2Exception(Ec2ErrorCodes.InvalidParameterValue,
                $"Value ({max.Value.ToString(CultureInfo.InvariantCulture)}) for parameter maxResults is invalid. Expecting a value between 5 and 1000.");
        }

        var snapshot = _state.Snapshot();
        IEnumerable<EniSnapshot> all = snapshot.NetworkInterfaces;
        if (ids.Count > 0)
        {
            var missing = ids.Where(id => !all.Any(e => e.NetworkInterfaceId == id)).ToList();
            if (missing.Count > 0)
            {
                throw new Ec2Exception(Ec2ErrorCodes.InvalidNetworkInterfaceIdNotFound, $"The networkInterface ID '{string.Join("', '", missing)}' does not exist");
            }

            all = all.Where(e => ids.Contains(e.NetworkInterfaceId));
        }

        var matching = all.Where(e => FilterFields.Match(e, filters, FilterFields.Eni, s => s.Tags));
        var (page, next) = Paginate(matching, e => e.NetworkInterfaceId, q.Get("NextToken"), max);
        x.Set("networkInterfaceSet", page, (i, e) => Ec2Shapes.Eni(i, e, Owner, GroupNames(snapshot)));
        x.Value("nextToken", next);
    }

    private void DescribeInstances(QueryParameters q, Ec2Xml x)
    {
        var snapshot = _state.Snapshot();
        var ids = q.List("InstanceId");
        var missing = ids.Where(id => !snapshot.Instances.Any(i => i.InstanceId == id)).ToList();
        if (missing.Count > 0)
        {
            throw new Ec2Exception(Ec2ErrorCodes.InvalidInstanceIdNotFound, $"The instance ID '{string.Join("', '", missing)}' does not exist");
        }

        var filters = q.Filters();
        var instances = snapshot.Instances
            .Where(i => ids.Count == 0 || ids.Contains(i.InstanceId))
            .Where(i => FilterFields.Match(i, filters, FilterFields.Instance, s => s.Tags))
            .ToList();
        x.Set("reservationSet", instances.GroupBy(i => i.ReservationId), (r, reservation) => Reservation(r, reservation.Key, [.. reservation], snapshot));
    }

    /// <summary>A reservation (DescribeInstances item, or RunInstances' whole response body).</summary>
    private void Reservation(Ec2Xml x, string reservationId, IReadOnlyList<InstanceSnapshot> instances, StateSnapshot snapshot, bool launching = false)
    {
        x.Value("reservationId", reservationId).Value("ownerId", Owner);
        x.Set("groupSet", Array.Empty<string>(), (_, _) => { });
        x.Set("instancesSet", instances, (w, inst) => Instance(w, inst, snapshot, launching));
    }

    /// <summary>An instance; <paramref name="launching"/> reports it "pending", as RunInstances' answer does on EC2.</summary>
    private void Instance(Ec2Xml x, InstanceSnapshot i, StateSnapshot snapshot, bool launching)
    {
        var enis = snapshot.NetworkInterfaces.Where(e => e.Attachment?.InstanceId == i.InstanceId)
            .OrderBy(e => e.Attachment!.DeviceIndex).ToList();
        var (code, state) = launching ? (0, "pending") : (i.State == "running" ? 16 : 48, i.State);
        x.Value("instanceId", i.InstanceId).Value("imageId", i.ImageId)
            .Start("instanceState").Value("code", code).Value("name", state).End()
            .Value("privateDnsName", i.PrivateIpAddress is null ? "" : "ip-" + i.PrivateIpAddress.Replace('.', '-') + ".ec2.internal")
            .Value("instanceType", i.InstanceType)
            .Value("launchTime", i.LaunchTime)
            .Start("placement").Value("availabilityZone", i.AvailabilityZone).Value("tenancy", "default").End()
            .Start("monitoring").Value("state", "disabled").End()
            .Value("subnetId", i.SubnetId).Value("vpcId", i.VpcId).Value("privateIpAddress", i.PrivateIpAddress)
            .Value("sourceDestCheck", true).Value("architecture", "x86_64").Value("rootDeviceType", "ebs")
            .Value("hypervisor", "xen").Value("virtualizationType", "hvm");
        var names = GroupNames(snapshot);
        Ec2Shapes.Groups(x, enis.FirstOrDefault()?.SecurityGroupIds ?? [], names);
        x.TagSet(i.Tags);
        x.Set("networkInterfaceSet", enis, (w, e) => Ec2Shapes.InstanceEni(w, e, Owner, names));
    }

    private void DescribeInstanceTypes(QueryParameters q, Ec2Xml x)
    {
        var names = q.List("InstanceType");
        var unknown = names.Where(n => !InstanceTypeTable.TryGet(n, _options.ExtraInstanceTypes, out _)).ToList();
        if (unknown.Count > 0)
        {
            throw new Ec2Exception(Ec2ErrorCodes.InvalidInstanceType, $"The following supplied instance types do not exist: [{string.Join(", ", unknown)}]");
        }

        var filters = q.Filters();
        var types = InstanceTypeTable.With(_options.ExtraInstanceTypes).Where(t => names.Count == 0 || names.Contains(t.Name))
            .Where(t => FilterFields.Match(t, filters, (i, n) => n == "instance-type" ? [i.Name] : null, _ => new Dictionary<string, string>()));
        var (page, next) = Paginate(types, t => t.Name, q.Get("NextToken"), q.Int("MaxResults"));
        x.Set("instanceTypeSet", page, InstanceType);
        x.Value("nextToken", next);
    }

    private static void InstanceType(Ec2Xml x, InstanceTypeInfo t)
    {
        x.Value("instanceType", t.Name).Value("currentGeneration", true).Value("hypervisor", "nitro")
            .Start("vCpuInfo").Value("defaultVCpus", t.VCpus).End()
            .Start("memoryInfo").Value("sizeInMiB", t.MemoryMiB).End()
            .Start("networkInfo")
            .Value("networkPerformance", "Up to 10 Gigabit")
            .Value("maximumNetworkInterfaces", t.MaximumNetworkInterfaces)
            .Value("maximumNetworkCards", 1)
            .Value("defaultNetworkCardIndex", 0)
            .Set("networkCards", [t], (c, i) => c.Value("networkCardIndex", 0).Value("maximumNetworkInterfaces", i.MaximumNetworkInterfaces))
            .Value("ipv4AddressesPerInterface", t.Ipv4AddressesPerInterface)
            .Value("ipv6AddressesPerInterface", t.Ipv6AddressesPerInterface)
            .Value("ipv6Supported", true)
            .Value("enaSupport", "required")
            .End();
    }

    private void DescribeTags(QueryParameters q, Ec2Xml x)
    {
        var s = _state.Snapshot();
        var all = s.NetworkInterfaces.SelectMany(e => e.Tags.Select(t => (e.NetworkInterfaceId, Type: "network-interface", t.Key, t.Value)))
            .Concat(s.Subnets.SelectMany(n => n.Tags.Select(t => (n.SubnetId, Type: "subnet", t.Key, t.Value))))
            .Concat(s.Instances.SelectMany(i => i.Tags.Select(t => (i.InstanceId, Type: "instance", t.Key, t.Value))))
            .Concat(s.Vpcs.SelectMany(v => v.Tags.Select(t => (v.VpcId, Type: "vpc", t.Key, t.Value))))
            .Concat(s.SecurityGroups.SelectMany(g => g.Tags.Select(t => (g.GroupId, Type: "security-group", t.Key, t.Value))));
        var filters = q.Filters();
        IEnumerable<string>? Field((string Id, string Type, string Key, string Value) t, string name) => name switch
        {
            "resource-id" => [t.Id],
            "resource-type" => [t.Type],
            "key" => [t.Key],
            "value" => [t.Value],
            _ => null,
        };
        var matching = all.Where(t => FilterFields.Match(t, filters, Field, _ => new Dictionary<string, string>()));
        var (page, next) = Paginate(matching, t => t.Item1 + "\n" + t.Key, q.Get("NextToken"), q.Int("MaxResults"));
        x.Set("tagSet", page, (i, t) => i.Value("resourceId", t.Item1).Value("resourceType", t.Type).Value("key", t.Key).Value("value", t.Value));
        x.Value("nextToken", next);
    }

    /// <summary>
    /// Pages ordered by key; the token names the last key returned, so pages stay correct while
    /// resources come and go between calls.
    /// </summary>
    private static (List<T> Page, string? Next) Paginate<T>(IEnumerable<T> items, Func<T, string> key, string? token, int? max)
    {
        var ordered = items.OrderBy(key, StringComparer.Ordinal).ToList();
        if (token is not null)
        {
            string after;
            try
            {
                after = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            }
            catch (FormatException)
            {
                throw new Ec2Exception(Ec2ErrorCodes.InvalidPaginationToken, $"The pagination token '{token}' is not valid or is expired");
            }

            if (!after.StartsWith("cursor:", StringComparison.Ordinal))
            {
                throw new Ec2Exception(Ec2ErrorCodes.InvalidPaginationToken, $"The pagination token '{token}' is not valid or is expired");
            }

            ordered = ordered.Where(i => string.CompareOrdinal(key(i), after[7..]) > 0).ToList();
        }

        if (max is null || ordered.Count <= max)
        {
            return (ordered, null);
        }

        var page = ordered.Take(max.Value).ToList();
        return (page, Convert.ToBase64String(Encoding.UTF8.GetBytes("cursor:" + key(page[^1]))));
    }
}
