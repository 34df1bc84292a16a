using Cloudnet.Ipamd.Logging;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Ipamd.Hosting;

internal sealed partial class ConflistInstaller
{
    [LoggerMessage(EventIds.ConflistInstalled, LogLevel.Information, "Installed conflist {Path} ({Bytes} bytes): the runtime may now run pods' ADDs through cloudnet")]
    private partial void LogInstalled(string path, int bytes);

    [LoggerMessage(EventIds.ConflistUnchanged, LogLevel.Information, "Conflist {Path} is up to date; nothing written")]
    private partial void LogUnchanged(string path);

    [LoggerMessage(EventIds.ConflistInstallFailed, LogLevel.Error, "Cannot install conflist {Path}; still serving, retrying in {RetrySeconds} s")]
    private partial void LogFailed(Exception exception, string path, double retrySeconds);
}
