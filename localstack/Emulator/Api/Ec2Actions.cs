using Cloudnet.Emulator.Faults;
using Cloudnet.Emulator.State;

namespace Cloudnet.Emulator.Api;

/// <summary>The EC2 actions the emulator serves: each reads its parameters and writes its response body.</summary>
internal sealed partial class Ec2Actions
{
    private readonly Ec2State _state;
    private readonly EmulatorOptions _options;

    public Ec2Actions(Ec2State state, EmulatorOptions options)
    {
        _state = state;
        _options = options;
        Handlers = new Dictionary<string, ActionSpec>(StringComparer.Ordinal)
        {
            ["DescribeInstances"] = new(ActionClass.NonMutating, DescribeInstances),
            ["DescribeInstanceTypes"] = new(ActionClass.NonMutating, DescribeInstanceTypes),
            ["DescribeNetworkInterfaces"] = new(ActionClass.NonMutating, DescribeNetworkInterfaces),
            ["DescribeSubnets"] = new(ActionClass.NonMutating, DescribeSubnets),
            ["DescribeVpcs"] = new(ActionClass.NonMutating, DescribeVpcs),
            ["DescribeTags"] = new(ActionClass.NonMutating, DescribeTags),
            ["DescribeSecurityGroups"] = new(ActionClass.NonMutating, DescribeSecurityGroups),
            ["DescribeImages"] = new(ActionClass.NonMutating, DescribeImages),
            ["CreateVpc"] = new(ActionClass.Mutating, CreateVpc),
            ["CreateSubnet"] = new(ActionClass.Mutating, CreateSubnet),
            ["CreateSecurityGroup"] = new(ActionClass.Mutating, CreateSecurityGroup),
            ["RunInstances"] = new(ActionClass.ResourceIntensive, RunInstances),
            ["CreateNetworkInterface"] = new(ActionClass.Mutating, CreateNetworkInterface),
            ["AttachNetworkInterface"] = new(ActionClass.Mutating, AttachNetworkInterface),
            ["DetachNetworkInterface"] = new(ActionClass.Mutating, DetachNetworkInterface),
            ["DeleteNetworkInterface"] = new(ActionClass.Mutating, DeleteNetworkInterface),
            ["ModifyNetworkInterfaceAttribute"] = new(ActionClass.Mutating, ModifyNetworkInterfaceAttribute),
            ["AssignPrivateIpAddresses"] = new(ActionClass.Mutating, AssignPrivateIpAddresses),
            ["UnassignPrivateIpAddresses"] = new(ActionClass.Mutating, UnassignPrivateIpAddresses),
            ["CreateTags"] = new(ActionClass.Mutating, CreateTags),
            ["DeleteTags"] = new(ActionClass.Mutating, DeleteTags),
        };
    }

    public IReadOnlyDictionary<string, ActionSpec> Handlers { get; }

    private string Owner => _options.AccountId;

    private static void Return(QueryParameters q, Ec2Xml x) => x.Value("return", true);

    private static Dictionary<string, string> GroupNames(StateSnapshot snapshot) =>
        snapshot.SecurityGroups.ToDictionary(g => g.GroupId, g => g.GroupName, StringComparer.Ordinal);
}

/// <summary>An action's throttling class and its handler.</summary>
internal sealed record ActionSpec(ActionClass Class, Action<QueryParameters, Ec2Xml> Handle);
