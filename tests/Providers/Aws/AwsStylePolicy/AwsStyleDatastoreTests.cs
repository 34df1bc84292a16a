using System.Net;
using Cloudnet.Bench.AwsPolicy;

namespace Cloudnet.Providers.Aws.Tests.AwsStylePolicy;

/// <summary>The AWS-style datastore: ADD fails at once when every free address is cooling; DEL starts the cooldown.</summary>
public sealed class AwsStyleDatastoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static AwsStyleDatastore TwoAddresses()
    {
        var datastore = new AwsStyleDatastore(TimeSpan.FromSeconds(30));
        datastore.AddEni("eni-0", isPrimary: true, T0, [IPAddress.Parse("10.0.0.10"), IPAddress.Parse("10.0.0.11")]);
        return datastore;
    }

    [Fact]
    public void Assign_OnlyCoolingAddressesFree_FailsAtOnceUntilTheCooldownEnds()
    {
        var datastore = TwoAddresses();
        var first = datastore.Assign("a", T0);
        Assert.NotNull(datastore.Assign("b", T0));
        Assert.True(datastore.Release("a", T0));

        var during = datastore.Assign("c", T0.AddSeconds(29));
        var view = Assert.Single(datastore.Views(T0.AddSeconds(29)));
        var after = datastore.Assign("c", T0.AddSeconds(30));

        Assert.Null(during);
        Assert.Equal((2, 1, 1), (view.Addresses, view.Assigned, view.Cooling));
        Assert.Equal(first, after);
    }

    [Fact]
    public void Assign_SamePodTwice_SameAddressAndNoSecondSlot()
    {
        var datastore = TwoAddresses();

        var first = datastore.Assign("a", T0);
        var again = datastore.Assign("a", T0);

        Assert.Equal(first, again);
        Assert.Equal(1, Assert.Single(datastore.Views(T0)).Assigned);
    }

    [Fact]
    public void Release_UnknownPod_False()
    {
        Assert.False(TwoAddresses().Release("nobody", T0));
    }
}
