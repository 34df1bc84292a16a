using Amazon.EC2.Model;

namespace Cloudnet.Providers.Aws.Tests.Emulator;

public sealed class Ec2PaginationTests : Ec2TestBase
{
    [Fact]
    public async Task DescribeNetworkInterfaces_MaxResults_PagesCoverEveryEniOnce()
    {
        var created = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            created.Add((await CreateEniAsync()).NetworkInterfaceId);
        }

        var seen = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await Ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest { MaxResults = 5, NextToken = token });
            Assert.True(page.NetworkInterfaces.Count <= 5);
            seen.AddRange(page.NetworkInterfaces.Select(n => n.NetworkInterfaceId));
            token = page.NextToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(3, pages); // 13 ENIs with the primary
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Superset(created.ToHashSet(), seen.ToHashSet());
        Assert.Equal(13, seen.Count);
    }

    [Fact]
    public async Task DescribeNetworkInterfaces_EniDeletedBetweenPages_NoneSkipped()
    {
        for (var i = 0; i < 9; i++)
        {
            await CreateEniAsync();
        }

        var first = await Ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest { MaxResults = 5 });
        var victim = first.NetworkInterfaces.First(n => n.Attachment is null).NetworkInterfaceId;
        await Ec2.DeleteNetworkInterfaceAsync(new DeleteNetworkInterfaceRequest { NetworkInterfaceId = victim });
        var second = await Ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest { MaxResults = 5, NextToken = first.NextToken });

        Assert.Equal(5, second.NetworkInterfaces.Count);
        Assert.Null(second.NextToken);
        Assert.Empty(first.NetworkInterfaces.Select(n => n.NetworkInterfaceId).Intersect(second.NetworkInterfaces.Select(n => n.NetworkInterfaceId)));
    }

    [Fact]
    public async Task DescribeNetworkInterfaces_Filters_AttachmentTagAndStatus()
    {
        var attached = await CreateEniAsync();
        await AttachAsync(attached.NetworkInterfaceId, 1);
        var tagged = await CreateEniAsync();
        await Ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [tagged.NetworkInterfaceId], Tags = [new Tag("cluster", "c1")] });

        var byInstance = await Ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest
        {
            Filters = [new Filter("attachment.instance-id", [Emulator.State.InstanceId])],
        });
        var byTag = await Ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest
        {
            Filters = [new Filter("tag:cluster", ["c1"]), new Filter("status", ["available"])],
        });
        var byTagKey = await Ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest { Filters = [new Filter("tag-key", ["cluster"])] });
        var bySubnet = await Ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest
        {
            Filters = [new Filter("subnet-id", [SubnetId("10.0.32.0/19")])],
        });

        Assert.Equal(2, byInstance.NetworkInterfaces.Count);
        Assert.Contains(byInstance.NetworkInterfaces, n => n.NetworkInterfaceId == attached.NetworkInterfaceId);
        Assert.Equal(tagged.NetworkInterfaceId, Assert.Single(byTag.NetworkInterfaces).NetworkInterfaceId);
        Assert.Equal(tagged.NetworkInterfaceId, Assert.Single(byTagKey.NetworkInterfaces).NetworkInterfaceId);
        Assert.Equal(2, bySubnet.NetworkInterfaces.Count);
    }

    [Fact]
    public async Task DescribeNetworkInterfaces_IdsWithMaxResults_InvalidParameterCombination()
    {
        var eni = await CreateEniAsync();

        var e = await FailsAsync(() => Ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest
        {
            NetworkInterfaceIds = [eni.NetworkInterfaceId], MaxResults = 5,
        }));

        Assert.Equal("InvalidParameterCombination", e.ErrorCode);
    }

    [Fact]
    public async Task DescribeNetworkInterfaces_BadToken_InvalidPaginationToken()
    {
        var e = await FailsAsync(() => Ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest { MaxResults = 5, NextToken = "bm90LWEtdG9rZW4=" }));

        Assert.Equal("InvalidPaginationToken", e.ErrorCode);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(1001)]
    public async Task DescribeNetworkInterfaces_MaxResultsOutOfRange_InvalidParameterValue(int max)
    {
        var e = await FailsAsync(() => Ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest { MaxResults = max }));

        Assert.Equal("InvalidParameterValue", e.ErrorCode);
    }

    [Fact]
    public async Task DescribeNetworkInterfaces_UnknownId_NotFound()
    {
        var e = await FailsAsync(() => Ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest { NetworkInterfaceIds = ["eni-0000000000000dead"] }));

        Assert.Equal("InvalidNetworkInterfaceID.NotFound", e.ErrorCode);
    }
}
