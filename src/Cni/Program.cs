using System.Runtime.InteropServices;
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

byte[] stdin;
try
{
    stdin = Console.IsInputRedirected ? ReadAll(Console.OpenStandardInput()) : [];
}
catch (IOException ex)
{
    Console.Out.Write(ResultWriter.Error(CniVersions.Latest, (int)CniErrorCode.IOFailure, "cannot read the network configuration from stdin", ex.Message));
    return 1;
}

var time = TimeProvider.System;
using var logs = new LogSink(Console.Error, time);
using var network = new NetlinkPodNetwork();
var deps = new CniDependencies
{
    ConnectDaemon = config => new UnixSocketIpamDaemon(config.SocketPath, config.Timeout),
    Network = network,
    SpoolRelease = SpoolWriter.WriteAsync,
    CreateLogger = logs.Create,
    Time = time,
};

using var cancel = new CancellationTokenSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancel.Cancel();
});
var outcome = await new CniPlugin(deps).RunAsync(new CniInvocation(environment, stdin), cancel.Token).ConfigureAwait(false);
if (outcome.Stdout is { } text)
{
    using var stdout = Console.OpenStandardOutput();
    stdout.Write(System.Text.Encoding.UTF8.GetBytes(text));
}

return outcome.ExitCode;

static byte[] ReadAll(Stream input)
{
    using var buffer = new MemoryStream();
    input.CopyTo(buffer);
    return buffer.ToArray();
}
