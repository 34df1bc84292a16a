using Cloudnet.Ctl.Commands;
using Cloudnet.Ctl.Install;
using Cloudnet.Ctl.Introspection;

namespace Cloudnet.Ctl;

/// <summary>cloudnetctl: parses the command line, runs the command, writes the result. Exit codes: 0 ok, 1 failure or leaks found, 2 usage.</summary>
public static class CtlApp
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        usage: cloudnetctl <command> [--addr host:port] [--json]

          status              readiness, whether an ADD can be served, address totals
          pool                per-interface address usage
          allocations         every attachment with its address and pod
          leaks               allocations whose pod network namespace is gone (exit 1 if any)
          checkpoint <path>   validate and print a checkpoint file (no daemon needed)
          install-cni         install the cloudnet binary and a conflist for the container runtime
                              (atomic, skips files that are already up to date; no daemon needed)

          --addr host:port    the daemon's introspection endpoint (default 127.0.0.1:61679)
          --json              print the daemon's JSON

        install-cni options:
          --binary PATH       the cloudnet binary to install (default: cloudnet next to cloudnetctl)
          --conflist PATH     the conflist to install (default: the built-in 10-cloudnet.conflist, spec 1.0.0)
          --bin-dir DIR       the runtime's CNI plugin directory (default /opt/cni/bin)
          --conf-dir DIR      the runtime's CNI configuration directory (default /etc/cni/net.d)
          --socket PATH       write this socketPath into the cloudnet plugin (the daemon's CLOUDNET_SOCKET)
          --state-dir DIR     write this stateDir into the cloudnet plugin (the daemon's CLOUDNET_STATE_DIR)
          --skip-conflist     install the binary only: the daemon writes the conflist once it is ready
                              (CLOUDNET_CNI_CONF_DIR); the DaemonSet's init container uses this
        """;

    /// <summary>Runs cloudnetctl.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, HttpClient http, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(time);
        var (parsed, error) = CtlArguments.Parse(args);
        if (parsed is null)
        {
            await stderr.WriteLineAsync($"cloudnetctl: {error}\n\n{Usage}").ConfigureAwait(false);
            return 2;
        }

        try
        {
            var client = new IntrospectionClient(http, parsed.Address);
            var (text, exitCode) = await RunCommandAsync(parsed, client, time, cancellationToken).ConfigureAwait(false);
            await stdout.WriteAsync(text).ConfigureAwait(false);
            return exitCode;
        }
        catch (CtlException ex)
        {
            await stderr.WriteLineAsync($"cloudnetctl: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static async Task<(string Text, int ExitCode)> RunCommandAsync(CtlArguments a, IntrospectionClient client, TimeProvider time, CancellationToken ct)
    {
        switch (a.Command)
        {
            case "status" or "pool" when a.Json:
                return (await client.RawAsync("/v1/pool", ct).ConfigureAwait(false) + "\n", 0);
            case "status":
                return (StatusCommand.Status(await client.PoolAsync(ct).ConfigureAwait(false)), 0);
            case "pool":
                return (StatusCommand.Pool(await client.PoolAsync(ct).ConfigureAwait(false)), 0);
            case "allocations" when a.Json:
                return (await client.RawAsync("/v1/allocations", ct).ConfigureAwait(false) + "\n", 0);
            case "allocations":
                return (AllocationsCommand.Allocations(await client.AllocationsAsync(ct).ConfigureAwait(false)), 0);
            case "leaks":
                var (text, leaks) = AllocationsCommand.Leaks(await client.AllocationsAsync(ct).ConfigureAwait(false), NetnsCheck.IsGone);
                return (text, leaks > 0 ? 1 : 0);
            case "checkpoint":
                return (await CheckpointCommand.RunAsync(a.Positional[0], time.GetUtcNow(), ct).ConfigureAwait(false), 0);
            case "install-cni":
                var installed = await CniInstaller.InstallAsync(a.InstallCni!, ct).ConfigureAwait(false);
                return (string.Concat(installed.Select(r => r + "\n")), 0);
            default:
                return (Usage + "\n", 0);
        }
    }
}
