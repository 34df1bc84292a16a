using Xunit.Abstractions;

namespace Cloudnet.Providers.Aws.Tests.Rig;

/// <summary>
/// localstack/init/ready.d/10-cloudnet-rig.sh run for real with the AWS CLI against the emulator
/// standing in for LocalStack: what it creates, what it writes to rig.env, and that a second run
/// changes nothing. (Against real LocalStack it has never run here: no Docker on this machine.)
/// </summary>
public sealed class InitScriptTests(InitScriptRun rig, ITestOutputHelper output) : IClassFixture<InitScriptRun>
{
    [AwsCliFact]
    public void InitScript_FirstRun_CreatesVpcSubnetsGroupAndInstanceNamedInRigEnv()
    {
        var env = FirstRunEnv();
        var state = rig.States[0];

        var vpc = Assert.Single(state.Vpcs, v => v.VpcId == env["CLOUDNET_RIG_VPC_ID"]);
        Assert.Equal("10.0.0.0/16", vpc.CidrBlock);
        Assert.Equal("true", vpc.Tags["cloudnet-rig"]);
        foreach (var (name, cidr) in new[] { ("PRIMARY", "10.0.0.0/19"), ("PODS", "10.0.32.0/19"), ("SMALL", "10.0.64.0/27") })
        {
            var subnet = Assert.Single(state.Subnets, s => s.SubnetId == env["CLOUDNET_RIG_SUBNET_" + name]);
            Assert.Equal(cidr, subnet.CidrBlock);
            Assert.Equal(vpc.VpcId, subnet.VpcId);
            Assert.Equal("us-east-1a", subnet.AvailabilityZone);
            Assert.Equal(name.ToLowerInvariant(), subnet.Tags["Name"]);
            Assert.Equal("true", subnet.Tags["cloudnet-rig"]);
        }

        var group = Assert.Single(state.SecurityGroups, g => g.GroupId == env["CLOUDNET_RIG_SECURITY_GROUP"]);
        Assert.Equal(("cloudnet-node", vpc.VpcId), (group.GroupName, group.VpcId));
        var instance = Assert.Single(state.Instances, i => i.InstanceId == env["CLOUDNET_RIG_INSTANCE_ID"]);
        Assert.NotEqual(rig.BootInstanceId, instance.InstanceId);
        Assert.Equal(("running", "m5.large", env["CLOUDNET_RIG_SUBNET_PRIMARY"]), (instance.State, instance.InstanceType, instance.SubnetId));
        Assert.Equal("true", instance.Tags["cloudnet-rig"]);
        var primary = Assert.Single(state.NetworkInterfaces, e => e.Attachment?.InstanceId == instance.InstanceId);
        Assert.Equal(env["CLOUDNET_RIG_PRIMARY_ENI"], primary.NetworkInterfaceId);
        Assert.Equal([group.GroupId], primary.SecurityGroupIds);
        Assert.Equal(instance.InstanceId, env["CLOUDNET_TEST_INSTANCE_ID"]);
        Assert.Equal("us-east-1", env["AWS_REGION"]);
    }

    [AwsCliFact]
    public void InitScript_SecondRun_ReusesEveryIdAndCreatesNothing()
    {
        FirstRunEnv();
        var (exitCode, _, stderr) = rig.Runs[1];
        output.WriteLine(stderr);

        Assert.True(exitCode == 0, $"second run exited with {exitCode}: {stderr}");
        Assert.Equal(rig.RigEnv[0], rig.RigEnv[1]);
        Assert.Equal(0, rig.CreatesOnSecondRun);
        var (first, second) = (rig.States[0], rig.States[1]);
        Assert.Equal(first.Vpcs.Select(v => v.VpcId), second.Vpcs.Select(v => v.VpcId));
        Assert.Equal(first.Subnets.Select(s => s.SubnetId), second.Subnets.Select(s => s.SubnetId));
        Assert.Equal(first.SecurityGroupIds, second.SecurityGroupIds);
        Assert.Equal(first.Instances.Select(i => i.InstanceId), second.Instances.Select(i => i.InstanceId));
        Assert.Equal(first.NetworkInterfaces.Select(e => e.NetworkInterfaceId), second.NetworkInterfaces.Select(e => e.NetworkInterfaceId));
    }

    private Dictionary<string, string> FirstRunEnv()
    {
        var (exitCode, stdout, stderr) = rig.Runs[0];
        output.WriteLine(stderr);
        Assert.True(exitCode == 0, $"first run exited with {exitCode}: {stderr} {stdout}");
        Assert.NotNull(rig.RigEnv[0]);
        return InitScriptRun.Parse(rig.RigEnv[0]!);
    }
}
