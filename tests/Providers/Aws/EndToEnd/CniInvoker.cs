using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Cloudnet.Testing.Daemon;

namespace Cloudnet.Providers.Aws.Tests.EndToEnd;

/// <summary>Runs the published CNI binary inside the node namespace, as the container runtime would.</summary>
internal sealed class CniInvoker(string nodeNamespace, string socketPath, string stateDir)
{
    private readonly string _binary = PublishedBinaries.Locate("cloudnet");

    private string Config => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["cniVersion"] = "1.0.0",
        ["name"] = "cloudnet",
        ["type"] = "cloudnet",
        ["socketPath"] = socketPath,
        ["stateDir"] = stateDir,
        ["timeoutSeconds"] = 30,
    });

    /// <summary>ADD; returns the pod's address, or throws with the binary's output.</summary>
    public async Task<IPAddress> AddAsync(string containerId, string podNetnsPath)
    {
        var (code, stdout, stderr) = await RunAsync("ADD", containerId, podNetnsPath);
        if (code != 0)
        {
            throw new InvalidOperationException($"ADD {containerId} failed ({code}): {stdout} {stderr}");
        }

        using var result = JsonDocument.Parse(stdout);
        var cidr = result.RootElement.GetProperty("ips")[0].GetProperty("address").GetString()!;
        return IPAddress.Parse(cidr[..cidr.IndexOf('/', StringComparison.Ordinal)]);
    }

    /// <summary>DEL; throws with the binary's output on failure.</summary>
    public async Task DelAsync(string containerId, string podNetnsPath)
    {
        var (code, stdout, stderr) = await RunAsync("DEL", containerId, podNetnsPath);
        if (code != 0)
        {
            throw new InvalidOperationException($"DEL {containerId} failed ({code}): {stdout} {stderr}");
        }
    }

    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(string command, string containerId, string podNetnsPath)
    {
        var start = new ProcessStartInfo("ip")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["netns", "exec", nodeNamespace, _binary])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CNI_COMMAND"] = command;
        start.Environment["CNI_CONTAINERID"] = containerId;
        start.Environment["CNI_NETNS"] = podNetnsPath;
        start.Environment["CNI_IFNAME"] = "eth0";
        start.Environment["CNI_PATH"] = Path.GetDirectoryName(_binary)!;
        start.Environment["CNI_ARGS"] = $"K8S_POD_NAMESPACE=e2e;K8S_POD_NAME={containerId}";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(Config);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        var result = (process.ExitCode, await stdout, await stderr);
        process.StandardOutput.Dispose();
        process.StandardError.Dispose();
        return result;
    }
}
