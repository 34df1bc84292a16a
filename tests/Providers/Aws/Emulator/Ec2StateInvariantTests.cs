using System.Net;
using Cloudnet.Emulator;
using Cloudnet.Emulator.State;

namespace Cloudnet.Providers.Aws.Tests.Emulator;

/// <summary>Random operation sequences against the state model; EC2's invariants must hold after every step.</summary>
public sealed class Ec2StateInvariantTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void RandomOperations_InvariantsHoldAfterEveryStep(int seed)
    {
        var state = new Ec2State(new EmulatorOptions { Seed = seed, SubnetCidrs = ["10.0.0.0/24", "10.0.1.0/26"] });
        var random = new Random(seed);
        var errors = 0;
        for (var step = 0; step < 400; step++)
        {
            try
            {
                Step(state, random);
            }
            catch (Ec2Exception)
            {
                errors++;
            }

            CheckInvariants(state);
        }

        // The small subnets must push the model into its error paths, not only the happy ones.
        Assert.InRange(errors, 1, 399);
    }

    private static void Step(Ec2State state, Random random)
    {
        var snapshot = state.Snapshot();
        var enis = snapshot.NetworkInterfaces;
        var eni = enis[random.Next(enis.Count)];
        switch (random.Next(7))
        {
            case 0:
                state.CreateNetworkInterface(new CreateEniRequest(snapshot.Subnets[random.Next(2)].SubnetId, [], "r", [], random.Next(3)));
                break;
            case 1:
                state.AttachNetworkInterface(eni.NetworkInterfaceId, state.InstanceId, random.Next(1, 4));
                break;
            case 2:
                if (eni.Attachment is { } a)
                {
                    state.DetachNetworkInterface(a.AttachmentId);
                }

                break;
            case 3:
                state.DeleteNetworkInterface(eni.NetworkInterfaceId);
                break;
            case 4:
                state.AssignPrivateIpAddresses(eni.NetworkInterfaceId, new AssignRequest([], random.Next(1, 5), [], 0));
                break;
            case 5:
                state.AssignPrivateIpAddresses(eni.NetworkInterfaceId, new AssignRequest([], 0, [], random.Next(1, 3)));
                break;
            default:
                if (eni.SecondaryPrivateIpAddresses.Count + eni.Ipv4Prefixes.Count > 0)
                {
                    state.UnassignPrivateIpAddresses(eni.NetworkInterfaceId, eni.SecondaryPrivateIpAddresses.Take(2).ToList(), eni.Ipv4Prefixes.Take(1).ToList());
                }

                break;
        }
    }

    private static void CheckInvariants(Ec2State state)
    {
        var s = state.Snapshot();
        var limits = state.InstanceType;
        var owners = new Dictionary<uint, string>();
        foreach (var eni in s.NetworkInterfaces)
        {
            var subnet = s.Subnets.Single(n => n.SubnetId == eni.SubnetId);
            var addresses = eni.SecondaryPrivateIpAddresses.Prepend(eni.PrivateIpAddress).Select(Value)
                .Concat(eni.Ipv4Prefixes.SelectMany(p => Enumerable.Range(0, 16).Select(i => Value(p.Split('/')[0]) + (uint)i)));
            foreach (var address in addresses)
            {
                Assert.True(owners.TryAdd(address, eni.NetworkInterfaceId), $"address {address} on two ENIs");
                Assert.True(InSubnet(address, subnet.CidrBlock), $"{address} outside {subnet.CidrBlock}");
            }

            Assert.All(eni.Ipv4Prefixes, p => Assert.Equal(0u, Value(p.Split('/')[0]) % 16));
            Assert.True(1 + eni.SecondaryPrivateIpAddresses.Count + eni.Ipv4Prefixes.Count <= limits.Ipv4AddressesPerInterface);
        }

        foreach (var subnet in s.Subnets)
        {
            var size = 1 << (32 - int.Parse(subnet.CidrBlock.Split('/')[1], System.Globalization.CultureInfo.InvariantCulture));
            var used = owners.Keys.Count(a => InSubnet(a, subnet.CidrBlock));
            Assert.Equal(size - 5 - used, subnet.AvailableIpAddressCount);
        }

        var attached = s.NetworkInterfaces.Where(e => e.Attachment is not null).ToList();
        Assert.True(attached.Count <= limits.MaximumNetworkInterfaces);
        Assert.Equal(attached.Count, attached.Select(e => e.Attachment!.DeviceIndex).Distinct().Count());
        Assert.Contains(attached, e => e.Attachment!.DeviceIndex == 0);
    }

    private static uint Value(string ip)
    {
        var b = IPAddress.Parse(ip).GetAddressBytes();
        return ((uint)b[0] << 24) | ((uint)b[1] << 16) | ((uint)b[2] << 8) | b[3];
    }

    private static bool InSubnet(uint address, string cidr)
    {
        var parts = cidr.Split('/');
        var prefix = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        var mask = uint.MaxValue << (32 - prefix);
        return (address & mask) == Value(parts[0]);
    }
}
