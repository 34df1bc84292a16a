using System.Runtime.InteropServices;
using Cloudnet.Cni.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace Cloudnet.Cni.Logging;

/// <summary>
/// Opens the log destination named by the configuration: the log file (O_APPEND, so the lines of
/// concurrent invocations never overwrite each other) or stderr. Never stdout.
/// </summary>
public sealed partial class LogSink(TextWriter stderr, TimeProvider time) : IDisposable
{
    private const int OWronly = 0x1, OCreat = 0x40, OAppend = 0x400, OCloexec = 0x80000;
    private StreamWriter? _file;

    /// <summary>The logger for <paramref name="config"/>; stderr when it is null, names no file, or the file cannot be opened.</summary>
    public ILogger Create(PluginConfig? config)
    {
        if (config?.LogFile is not { } path)
        {
            return new TextWriterLogger(stderr, config?.LogLevel ?? LogLevel.Information, time);
        }

        try
        {
            _file ??= Open(path);
            return new TextWriterLogger(_file, config.LogLevel, time);
        }
        catch (IOException ex)
        {
            stderr.WriteLine($"cloudnet: cannot open log file {path}: {ex.Message}; logging to stderr");
            return new TextWriterLogger(stderr, config.LogLevel, time);
        }
    }

    /// <summary>Flushes and closes the file.</summary>
    public void Dispose() => _file?.Dispose();

    private static StreamWriter Open(string path)
    {
        if (Path.GetDirectoryName(path) is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
        }

        var fd = OpenAppend(path, OWronly | OCreat | OAppend | OCloexec, 0x1A0 /* 0640 */);
        if (fd < 0)
        {
            throw new IOException($"open {path}: errno {Marshal.GetLastPInvokeError()}");
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        return new StreamWriter(new FileStream(handle, FileAccess.Write, bufferSize: 0)) { AutoFlush = false };
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenAppend(string path, int flags, int mode);
}
