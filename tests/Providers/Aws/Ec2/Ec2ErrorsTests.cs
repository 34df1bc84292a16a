using System.Net;
using Amazon.EC2;
using Amazon.Runtime;
using Cloudnet.Ipam.Cloud;
using Cloudnet.Providers.Aws.Ec2;
using Polly.CircuitBreaker;

namespace Cloudnet.Providers.Aws.Tests.Ec2;

public class Ec2ErrorsTests
{
    [Theory]
    [InlineData("RequestLimitExceeded", 503, CloudErrorKind.Throttled)]
    [InlineData("Throttling", 400, CloudErrorKind.Throttled)]
    [InlineData("InsufficientCidrBlocks", 400, CloudErrorKind.InsufficientCidrBlocks)]
    [InlineData("InsufficientFreeAddressesInSubnet", 400, CloudErrorKind.Capacity)]
    [InlineData("PrivateIpAddressLimitExceeded", 400, CloudErrorKind.Capacity)]
    [InlineData("AttachmentLimitExceeded", 400, CloudErrorKind.Capacity)]
    [InlineData("NetworkInterfaceLimitExceeded", 400, CloudErrorKind.Capacity)]
    [InlineData("InvalidNetworkInterfaceID.NotFound", 400, CloudErrorKind.NotFound)]
    [InlineData("InvalidInstanceID.NotFound", 400, CloudErrorKind.NotFound)]
    [InlineData("UnauthorizedOperation", 403, CloudErrorKind.Unauthorized)]
    [InlineData("InternalError", 500, CloudErrorKind.Transient)]
    [InlineData(null, 502, CloudErrorKind.Transient)]
    [InlineData("InvalidParameterValue", 400, CloudErrorKind.Other)]
    [InlineData("InvalidNetworkInterface.InUse", 400, CloudErrorKind.Other)]
    public void Classify_Ec2Code_MapsToNeutralKind(string? code, int status, CloudErrorKind expected) =>
        Assert.Equal(expected, Ec2Errors.Classify(code, (HttpStatusCode)status));

    [Fact]
    public void Translate_Unauthorized_NamesTheMissingAction()
    {
        var sdk = new AmazonEC2Exception("You are not authorized to perform this operation.") { ErrorCode = "UnauthorizedOperation", StatusCode = HttpStatusCode.Forbidden };

        var translated = Ec2Errors.Translate("AssignPrivateIpAddresses", "ENI eni-1", sdk);

        Assert.Equal(CloudErrorKind.Unauthorized, translated.Kind);
        Assert.Contains("ec2:AssignPrivateIpAddresses", translated.Message, StringComparison.Ordinal);
        Assert.Contains("eni-1", translated.Message, StringComparison.Ordinal);
        Assert.Same(sdk, translated.InnerException);
    }

    [Fact]
    public void Classify_TransportFailures_AreTransientAndRetryable()
    {
        Assert.True(Ec2Errors.IsRetryable(new HttpRequestException("connection refused")));
        Assert.True(Ec2Errors.IsRetryable(new AmazonServiceException("wrapped", new IOException("reset"))));
        Assert.True(Ec2Errors.IsRetryable(new AmazonEC2Exception("slow down") { ErrorCode = "RequestLimitExceeded" }));
    }

    [Fact]
    public void IsRetryable_CapacityBrokenCircuitAndBugs_AreNot()
    {
        Assert.False(Ec2Errors.IsRetryable(new AmazonEC2Exception("full") { ErrorCode = "InsufficientFreeAddressesInSubnet", StatusCode = HttpStatusCode.BadRequest }));
        Assert.False(Ec2Errors.IsRetryable(new BrokenCircuitException("open")));
        Assert.False(Ec2Errors.IsRetryable(new InvalidOperationException("bug")));
    }

    [Fact]
    public void CodeOf_NestedInCloudProviderException_FindsTheEc2Code()
    {
        var sdk = new AmazonEC2Exception("in use") { ErrorCode = Ec2Errors.InUse };
        var wrapped = Ec2Errors.Translate("DeleteNetworkInterface", "ENI eni-2", sdk);

        Assert.Equal(Ec2Errors.InUse, Ec2Errors.CodeOf(wrapped));
        Assert.Contains("DeleteNetworkInterface", wrapped.Message, StringComparison.Ordinal);
    }
}
