using System.Diagnostics;
using System.Text;

namespace Cloudnet.Emulator.Materialize;

/// <summary>Runs iproute2's <c>ip</c> (test infrastructure, not the CNI path: plain processes are fine here).</summary>
internal static class IpCommand
{
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start 'ip'");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var output = new StringBuilder(await stdout.ConfigureAwait(false)).Append(await stderr.ConfigureAwait(false)).ToString();
        return (process.ExitCode, output.Trim());
    }

    /// <summary>Runs and throws, naming the command, when it fails.</summary>
    public static async Task<string> RunCheckedAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var (code, output) = await RunAsync(arguments, cancellationToken).ConfigureAwait(false);
        return code == 0 ? output
            : throw new InvalidOperationException($"'ip {string.Join(' ', arguments)}' failed ({code}): {output}");
    }
}
