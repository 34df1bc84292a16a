using Amazon.EC2;
using Amazon.Runtime;
using Cloudnet.Emulator;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Providers.Aws.Tests.Emulator;

/// <summary>Starts an in-process emulator on a free port and builds real SDK clients for it.</summary>
internal static class TestEmulator
{
    public static Task<EmulatorHandle> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions { LogLevel = LogLevel.None };
        configure?.Invoke(options);
        return EmulatorHost.StartAsync(options, CancellationToken.None);
    }

    /// <summary>An AmazonEC2Client against the emulator, with retries off so every error surfaces.</summary>
    public static AmazonEC2Client Ec2(EmulatorHandle emulator) =>
        new(new BasicAWSCredentials("test", "test"), new AmazonEC2Config
        {
            ServiceURL = emulator.BaseUri.ToString(),
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
        });

    public static HttpClient Http(EmulatorHandle emulator) => new() { BaseAddress = emulator.BaseUri };
}
