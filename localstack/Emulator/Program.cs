using Cloudnet.Emulator;

// cloudnet-emulator: EC2 Query API + IMDSv2 + /_emulator control on one listener. Logs go to stderr.
var options = CommandLine.Parse(args, out var error);
if (options is null)
{
    await Console.Error.WriteLineAsync(error.Length == 0 ? CommandLine.Usage : $"cloudnet-emulator: {error}\n\n{CommandLine.Usage}").ConfigureAwait(false);
    return error.Length == 0 ? 0 : 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

EmulatorHandle handle;
try
{
    handle = await EmulatorHost.StartAsync(options, stop.Token).ConfigureAwait(false);
}
catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
{
    await Console.Error.WriteLineAsync($"cloudnet-emulator: cannot start: {e.Message}").ConfigureAwait(false);
    return 1;
}

await using (handle.ConfigureAwait(false))
{
    await Console.Error.WriteLineAsync($"cloudnet-emulator: listening on {handle.BaseUri} (instance {handle.State.InstanceId})").ConfigureAwait(false);
    try
    {
        await handle.WaitForShutdownAsync(stop.Token).ConfigureAwait(false);
    }
    catch (OperationCanceledException) when (stop.IsCancellationRequested)
    {
        // Ctrl-C: the shutdown we asked for.
    }
}

return 0;
