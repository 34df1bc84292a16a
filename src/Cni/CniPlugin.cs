using System.Diagnostics;
using System.Text.Json;
using Cloudnet.Cni.Commands;
using Cloudnet.Cni.Logging;
using Cloudnet.Cni.Protocol;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Cni;

/// <summary>
/// The CNI protocol for one invocation: validate the environment and configuration, run the
/// command, and turn every failure into the spec's error result. No process state is touched
/// here — Program.cs does the I/O — so all of it runs in unit tests with fakes.
/// </summary>
public sealed class CniPlugin(CniDependencies deps)
{
    /// <summary>Runs the invocation; never throws for CNI errors (they become the outcome).</summary>
    public async Task<CniOutcome> RunAsync(CniInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        PluginConfig? config = null;
        var logger = deps.CreateLogger(null);
        try
        {
            var env = CniEnvironment.Parse(invocation.Get);
            if (env.Command == CniCommand.Version)
            {
                return new CniOutcome(0, ResultWriter.Version(VersionOf(invocation.Stdin.Span) ?? CniVersions.Latest));
            }

            config = ParseConfig(invocation, env);
            logger = deps.CreateLogger(config);
            return await RunCommandAsync(new CommandContext(env, config, deps, logger), cancellationToken).ConfigureAwait(false);
        }
        catch (CniException ex)
        {
            CniLog.Failed(logger, invocation.Get("CNI_COMMAND") ?? "?", (int)ex.Code, ex.Message, ex.Details);
            var version = config?.CniVersion ?? SupportedVersionOf(invocation.Stdin.Span);
            return new CniOutcome(1, ResultWriter.Error(version, (int)ex.Code, ex.Message, ex.Details));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A bug or an unexpected system failure: still a CNI error, never a stack trace on stdout.
            var message = $"{invocation.Get("CNI_COMMAND")} container {invocation.Get("CNI_CONTAINERID")} ifname {invocation.Get("CNI_IFNAME")}: unexpected {ex.GetType().Name}: {ex.Message}";
            CniLog.Failed(logger, invocation.Get("CNI_COMMAND") ?? "?", (int)CniErrorCode.Internal, message, ex.ToString());
            var version = config?.CniVersion ?? SupportedVersionOf(invocation.Stdin.Span);
            return new CniOutcome(1, ResultWriter.Error(version, (int)CniErrorCode.Internal, message, ex.GetType().FullName));
        }
    }

    private static PluginConfig ParseConfig(CniInvocation invocation, CniEnvironment env)
    {
        var operation = env.Command.ToString().ToUpperInvariant();
        PluginConfig config;
        try
        {
            config = PluginConfigParser.Parse(invocation.Stdin.Span, operation);
        }
        catch (CniException ex) when (env.Command == CniCommand.Status && ex.Code != CniErrorCode.IncompatibleVersion)
        {
            // STATUS reports through its own codes: a configuration that cannot work is "not available" (51).
            throw new CniException(CniErrorCode.NotAvailableDegraded, ex.Message, ex.Details, ex);
        }

        if (env.Command is CniCommand.Gc or CniCommand.Status && !CniVersions.HasGcAndStatus(config.CniVersion))
        {
            throw new CniException(CniErrorCode.IncompatibleVersion,
                $"{operation}: cniVersion {config.CniVersion} has no {operation}; it needs {CniVersions.V110}");
        }

        return config;
    }

    private async Task<CniOutcome> RunCommandAsync(CommandContext ctx, CancellationToken cancellationToken)
    {
        var args = ctx.Env.Args;
        CniLog.Start(ctx.Logger, ctx.Operation, ctx.Env.ContainerId, ctx.Env.IfName, ctx.Env.Netns ?? "-", $"{args.PodNamespace ?? "-"}/{args.PodName ?? "-"}");
        var started = deps.Time.GetTimestamp();
        var outcome = ctx.Env.Command switch
        {
            CniCommand.Add => await AddCommand.RunAsync(ctx, cancellationToken).ConfigureAwait(false),
            CniCommand.Del => await DelCommand.RunAsync(ctx, cancellationToken).ConfigureAwait(false),
            CniCommand.Check => await CheckCommand.RunAsync(ctx, cancellationToken).ConfigureAwait(false),
            CniCommand.Gc => await GcCommand.RunAsync(ctx, cancellationToken).ConfigureAwait(false),
            CniCommand.Status => await StatusCommand.RunAsync(ctx, cancellationToken).ConfigureAwait(false),
            _ => throw new UnreachableException($"command {ctx.Env.Command} is dispatched before configuration parsing"),
        };
        CniLog.Done(ctx.Logger, ctx.Operation, (long)deps.Time.GetElapsedTime(started).TotalMilliseconds);
        return outcome;
    }

    /// <summary>The cniVersion of VERSION's input; null when stdin is empty. Malformed input is a decoding error.</summary>
    private static string? VersionOf(ReadOnlySpan<byte> stdin)
    {
        if (stdin.Trim(" \t\r\n"u8).IsEmpty)
        {
            return null;
        }

        try
        {
            var version = NetConfReader.ReadCniVersion(stdin);
            return string.IsNullOrEmpty(version) ? null : version;
        }
        catch (JsonException ex)
        {
            throw new CniException(CniErrorCode.DecodingFailure, "VERSION: cannot decode the input on stdin", ex.Message, ex);
        }
    }

    /// <summary>For error results before the configuration validated: its cniVersion when we speak it, else the latest.</summary>
    private static string SupportedVersionOf(ReadOnlySpan<byte> stdin)
    {
        try
        {
            var version = NetConfReader.ReadCniVersion(stdin);
            return CniVersions.IsSupported(version) ? version! : CniVersions.Latest;
        }
        catch (JsonException)
        {
            return CniVersions.Latest;
        }
    }
}
