namespace Cloudnet.Testing.Daemon;

public sealed partial class DaemonProcess
{
    /// <summary>The daemon's "ready" log event (Cloudnet.Ipamd.Logging.EventIds.Ready).</summary>
    private const string ReadyEvent = "\"EventId\":3001";

    private async Task WaitForReadyAsync(TimeSpan timeout, bool byLog, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = IntrospectionUri, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit();
                throw new InvalidOperationException(
                    $"cloudnet-ipamd exited with code {_process.ExitCode} before it was ready.\nstderr:\n{Stderr}\nstdout:\n{Stdout}");
            }

            if (byLog ? Stdout.Contains(ReadyEvent, StringComparison.Ordinal) : await IsReadyAsync(http, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        throw new InvalidOperationException($"cloudnet-ipamd was not ready within {timeout}.\nstderr:\n{Stderr}\nstdout:\n{Stdout}");
    }

    private static async Task<bool> IsReadyAsync(HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri("readyz", UriKind.Relative), cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // One probe outran the client's timeout (a starting daemon on a loaded machine): ask
            // again; the caller's deadline bounds the whole wait.
            return false;
        }
    }
}
