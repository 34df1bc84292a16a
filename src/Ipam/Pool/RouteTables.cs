namespace Cloudnet.Ipam.Pool;

/// <summary>Well-known Linux route table ids.</summary>
public static class RouteTables
{
    /// <summary>The main table (RT_TABLE_MAIN).</summary>
    public const int Main = 254;

    /// <summary>Table of secondary interface <paramref name="deviceIndex"/>: device index + 1, as AWS VPC CNI does.</summary>
    public static int ForDevice(int deviceIndex) => deviceIndex == 0 ? Main : deviceIndex + 1;
}
