using System.Diagnostics;

namespace Cloudnet.Bench.AwsPolicy;

/// <summary>
/// Pods of cloudnet: each pod gets its own network namespace (`ip netns add`) and the published
/// CNI binary is run for ADD and DEL, exactly as a container runtime would. The driver runs inside
/// the node namespace, so the binary reaches the daemon's socket and the pods' veths land there.
/// </summary>
/// <param name="cniBinary">Path of the `cloudnet` binary.</param>
/// <param name="networkConfig">The network configuration JSON handed on stdin.</param>
/// <param name="namespacePrefix">Prefix of the pod namespaces (unique per run, so cleanup can find them).</param>
public sealed class CniPodNetwork(string cniBinary, string networkConfig, string namespacePrefix) : IPodNetwork
{
    /// <inheritdoc />
    public async Task<bool> AddAsync(string pod, CancellationToken cancellationToken)
    {
        var ns = namespacePrefix + pod;
        if (!File.Exists("/run/netns/" + ns))
        {
            await RunAsync("ip", ["netns", "add", ns], null, null, cancellationToken).ConfigureAwait(false);
        }

        return await CniAsync("ADD", pod, ns, cancellationToken).ConfigureAwait(false) == 0;
    }

    /// <inheritdoc />
    public async Task DelAsync(string pod, CancellationToken cancellationToken)
    {
        var ns = namespacePrefix + pod;
        await CniAsync("DEL", pod, ns, cancellationToken).ConfigureAwait(false);
        await RunAsync("ip", ["netns", "del", ns], null, null, cancellationToken).ConfigureAwait(false);
    }

    private Task<int> CniAsync(string command, string pod, string ns, CancellationToken cancellationToken) =>
        RunAsync(
            cniBinary,
            [],
            new Dictionary<string, string>
            {
                ["CNI_COMMAND"] = command,
                ["CNI_CONTAINERID"] = pod,
                ["CNI_NETNS"] = "/run/netns/" + ns,
                ["CNI_IFNAME"] = "eth0",
                ["CNI_PATH"] = Path.GetDirectoryName(cniBinary) ?? "/",
            },
            networkConfig,
            cancellationToken);

    private static async Task<int> RunAsync(string file, string[] arguments, Dictionary<string, string>? environment, string? stdin, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + file);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardInput.WriteAsync(stdin ?? string.Empty).ConfigureAwait(false);
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
        return process.ExitCode;
    }
}
