using System.Globalization;
using System.Text.Json;

namespace Cloudnet.Ipam.Checkpoint;

/// <summary>
/// The checkpoint as one JSON file (default <c>/var/lib/cloudnet/ipam.json</c>), format
/// <c>cloudnet-ipam/1</c>. Writes are atomic and durable: a temp file in the same directory,
/// written and fsynced, renamed over the old file, then the directory fsynced. After a crash
/// at any point the file holds either the old or the new state, never a mix.
/// A file that cannot be read is never rewritten or removed: the operator decides.
/// Concurrent saves are each atomic, but the last rename wins: callers serialise saves so that
/// the newest snapshot is written last.
/// </summary>
public sealed class JsonFileCheckpointStore : ICheckpointStore
{
    private const string VersionPrefix = "cloudnet-ipam/";
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = PrivateFile | UnixFileMode.UserExecute;

    /// <summary>Creates a store for the file at <paramref name="path"/>.</summary>
    public JsonFileCheckpointStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>The checkpoint file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public async Task<CheckpointData?> LoadAsync(CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(Path, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        return Parse(bytes, Path);
    }

    /// <inheritdoc />
    public async Task SaveAsync(CheckpointData checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        CreatePrivateDirectory(directory);

        var temp = System.IO.Path.Combine(
            directory,
            string.Create(CultureInfo.InvariantCulture, $".{System.IO.Path.GetFileName(Path)}.{Guid.NewGuid():N}.tmp"));
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                Options = FileOptions.Asynchronous,
            };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = PrivateFile;
            }

            var stream = new FileStream(temp, options);
            await using (stream.ConfigureAwait(false))
            {
                await JsonSerializer.SerializeAsync(stream, checkpoint, CheckpointJsonContext.Default.CheckpointData, cancellationToken)
                    .ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, Path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        DirectorySync.Fsync(directory);
    }

    /// <summary>Parses checkpoint bytes; <paramref name="path"/> only names the source in errors.</summary>
    /// <exception cref="CheckpointException">Corrupt, truncated, or another version.</exception>
    public static CheckpointData Parse(ReadOnlySpan<byte> bytes, string path)
    {
        CheckVersion(bytes, path);
        CheckpointData? data;
        try
        {
            data = JsonSerializer.Deserialize(bytes, CheckpointJsonContext.Default.CheckpointData);
        }
        catch (JsonException e)
        {
            throw new CheckpointException($"checkpoint '{path}' is corrupt: {e.Message}", e);
        }

        if (data is null || data.Allocations.Any(a => a is null) || data.Cooling.Any(c => c is null))
        {
            throw new CheckpointException($"checkpoint '{path}' is corrupt: null entries");
        }

        return data;
    }

    private static void CheckVersion(ReadOnlySpan<byte> bytes, string path)
    {
        string? version;
        try
        {
            var reader = new Utf8JsonReader(bytes);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new CheckpointException($"checkpoint '{path}' is corrupt: the top level is a {root.ValueKind}, not an object");
            }

            version = root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        }
        catch (JsonException e)
        {
            throw new CheckpointException($"checkpoint '{path}' is corrupt or truncated: {e.Message}", e);
        }

        if (string.Equals(version, CheckpointData.CurrentVersion, StringComparison.Ordinal))
        {
            return;
        }

        if (version is null)
        {
            throw new CheckpointException($"checkpoint '{path}' has no \"version\"; expected \"{CheckpointData.CurrentVersion}\"");
        }

        var newer = version.StartsWith(VersionPrefix, StringComparison.Ordinal)
            && int.TryParse(version.AsSpan(VersionPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n > 1;
        throw new CheckpointException(newer
            ? $"checkpoint '{path}' has version \"{version}\": written by a newer cloudnet; refusing to start (this build reads \"{CheckpointData.CurrentVersion}\")"
            : $"checkpoint '{path}' has unknown version \"{version}\"; expected \"{CheckpointData.CurrentVersion}\"");
    }

    /// <summary>Creates <paramref name="directory"/> (mode 0700) when missing; an existing one keeps its mode.</summary>
    internal static void CreatePrivateDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, PrivateDirectory);
        }
    }

    /// <summary>Deletes a file, ignoring failures (cleanup on an error path).</summary>
    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp file is harmless (hidden, never read) and the original error matters more.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
