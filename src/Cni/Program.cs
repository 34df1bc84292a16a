using Cloudnet.Cni;
using Cloudnet.Cni.Daemon;
using Cloudnet.Cni.Logging;
using Cloudnet.Cni.Network;
using Cloudnet.Cni.Protocol;

// The CNI binary. Everything here is process I/O; the protocol lives in CniPlugin.
// CNI_* variables are this program's input (the CNI spec's parameters), read here and only here.
var environment = new Dictionary<string, string>(StringComparer.Ordinal);
foreach (var name in CniEnvironment.VariableNames)
{
#pragma warning disable RS0030 // The CNI spec passes its parameters as environment variables.
    if (Environment.GetEnvironmentVariable(name) is { } value)
#pragma warning restore RS0030
    {
        environment[name] = value;
    }
}

// Standard streams as raw descriptors: System.Console starts a terminal/signal thread on first use.
using var stdoutStream = StandardStreams.Open(1, FileAccess.Write);
byte[] stdin;
try
{
    stdin = StandardStreams.IsTerminal(0) ? [] : ReadAll(StandardStreams.Open(0, FileAccess.Read));
}
catch (IOException ex)
{
    stdoutStream.Write(System.Text.Encoding.UTF8.GetBytes(ResultWriter.Error(
        CniVersions.Latest, (int)CniErrorCode.IOFailure, "cannot read the network configuration from stdin", ex.Message)));
    return 1;
}

var time = TimeProvider.System;
using var stderr = new StreamWriter(StandardStreams.Open(2, FileAccess.Write)) { AutoFlush = true };
using var logs = new LogSink(stderr, time);
using var network = new NetlinkPodNetwork();
var deps = new CniDependencies
{
    ConnectDaemon = config => new UnixSocketIpamDaemon(config.SocketPath, config.Timeout),
    Network = network,
    SpoolRelease = SpoolWriter.WriteAsync,
    CreateLogger = logs.Create,
    Time = time,
};

// No signal handler: every step is a short synchronous kernel or socket call bounded by the
// configured timeout, and a handler would cost a thread on every run. A runtime that gives up
// kills the process; ADD's rollback then happens through the DEL the runtime must follow with.
var outcome = await new CniPlugin(deps).RunAsync(new CniInvocation(environment, stdin), CancellationToken.None).ConfigureAwait(false);
if (outcome.Stdout is { } text)
{
    stdoutStream.Write(System.Text.Encoding.UTF8.GetBytes(text));
}

return outcome.ExitCode;

static byte[] ReadAll(Stream input)
{
    using var buffer = new MemoryStream();
    input.CopyTo(buffer);
    return buffer.ToArray();
}
