namespace Cloudnet.Emulator.State;

/// <summary>
/// The EC2 error codes the emulator returns (the "Error codes for the Amazon EC2 API" reference).
/// Client errors are HTTP 400; RequestLimitExceeded, Unavailable and ServiceUnavailable are 503;
/// InternalError is 500.
/// </summary>
public static class Ec2ErrorCodes
{
#pragma warning disable CS1591 // the names are the documentation
    public const string AttachmentLimitExceeded = "AttachmentLimitExceeded";
    public const string InsufficientCidrBlocks = "InsufficientCidrBlocks";
    public const string InsufficientFreeAddressesInSubnet = "InsufficientFreeAddressesInSubnet";
    public const string InternalError = "InternalError";
    public const string InvalidAction = "InvalidAction";
    public const string InvalidAmiIdMalformed = "InvalidAMIID.Malformed";
    public const string InvalidAmiIdNotFound = "InvalidAMIID.NotFound";
    public const string InvalidAttachmentIdNotFound = "InvalidAttachmentID.NotFound";
    public const string InvalidGroupDuplicate = "InvalidGroup.Duplicate";
    public const string InvalidGroupNotFound = "InvalidGroup.NotFound";
    public const string InvalidGroupReserved = "InvalidGroup.Reserved";
    public const string InvalidInstanceIdNotFound = "InvalidInstanceID.NotFound";
    public const string InvalidInstanceType = "InvalidInstanceType";
    public const string InvalidNetworkInterfaceIdMalformed = "InvalidNetworkInterfaceID.Malformed";
    public const string InvalidNetworkInterfaceIdNotFound = "InvalidNetworkInterfaceID.NotFound";
    public const string InvalidNetworkInterfaceInUse = "InvalidNetworkInterface.InUse";
    public const string InvalidParameter = "InvalidParameter";
    public const string InvalidPaginationToken = "InvalidPaginationToken";
    public const string InvalidParameterCombination = "InvalidParameterCombination";
    public const string InvalidParameterValue = "InvalidParameterValue";
    public const string InvalidSubnetConflict = "InvalidSubnet.Conflict";
    public const string InvalidSubnetIdNotFound = "InvalidSubnetID.NotFound";
    public const string InvalidSubnetRange = "InvalidSubnet.Range";
    public const string InvalidVpcIdNotFound = "InvalidVpcID.NotFound";
    public const string InvalidVpcRange = "InvalidVpc.Range";
    public const string MissingParameter = "MissingParameter";
    public const string OperationNotPermitted = "OperationNotPermitted";
    public const string PrivateIpAddressLimitExceeded = "PrivateIpAddressLimitExceeded";
    public const string RequestLimitExceeded = "RequestLimitExceeded";
    public const string ServiceUnavailable = "ServiceUnavailable";
    public const string Unavailable = "Unavailable";
    public const string UnauthorizedOperation = "UnauthorizedOperation";
    public const string VpcIdNotSpecified = "VPCIdNotSpecified";
    public const string VpcResourceNotSpecified = "VPCResourceNotSpecified";
#pragma warning restore CS1591

    /// <summary>The HTTP status EC2 answers with for <paramref name="code"/>.</summary>
    public static int StatusOf(string code) => code switch
    {
        RequestLimitExceeded or Unavailable or ServiceUnavailable => 503,
        InternalError => 500,
        UnauthorizedOperation => 403,
        _ => 400,
    };
}
