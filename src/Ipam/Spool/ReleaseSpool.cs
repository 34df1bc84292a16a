using System.Globalization;
using System.Text;
using System.Text.Json;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Checkpoint;

namespace Cloudnet.Ipam.Spool;

/// <summary>
/// The release spool (<c>&lt;state dir&gt;/spool</c>): when DEL cannot reach the daemon, the CNI
/// binary writes the release here, one small JSON file per attachment; the daemon drains the
/// directory at start so no address leaks. The file name is a hash of the key, so a repeated
/// DEL rewrites the same file. Writes are atomic (temp file, fsync, rename, directory fsync).
/// Synchronous and allocation-light: the CNI binary is short-lived and NativeAOT.
/// </summary>
public sealed class ReleaseSpool
{
    private const string FilePrefix = "release-";
    private const string FileSuffix = ".json";

    /// <summary>Name of the spool directory inside the daemon's state directory.</summary>
    public const string DirectoryName = "spool";

    /// <summary>The spool of a state directory: <c>&lt;stateDirectory&gt;/spool</c> (default /var/lib/cloudnet/spool).</summary>
    public static ReleaseSpool ForStateDirectory(string stateDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDirectory);
        return new ReleaseSpool(Path.Combine(stateDirectory, DirectoryName));
    }

    /// <summary>Creates a spool over <paramref name="directory"/> (created with mode 0700 on first write).</summary>
    public ReleaseSpool(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
    }

    /// <summary>The spool directory.</summary>
    public string Directory { get; }

    /// <summary>The spool file name of <paramref name="key"/>: "release-" + 128-bit FNV-1a of the key in hex + ".json".</summary>
    public static string FileNameFor(AllocationKey key)
    {
        // FNV-1a rather than SHA-256: System.Security.Cryptography would make the AOT binary load
        // OpenSSL on every DEL. The key comes from the runtime, not an adversary; 128 bits is plenty.
        var text = string.Join('\0', key.NetworkName, key.ContainerId, key.IfName);
        var hash = new UInt128(0x6c62272e07bb0142, 0x62b821756295c58d);
        var prime = new UInt128(0x0000000001000000, 0x000000000000013B);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * prime;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{FilePrefix}{hash:x32}{FileSuffix}");
    }

    /// <summary>Spools the release of <paramref name="key"/>; returns the file written.</summary>
    /// <exception cref="IOException">The directory or file cannot be written; nothing partial is left.</exception>
    public string Write(AllocationKey key, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(key.NetworkName);
        ArgumentException.ThrowIfNullOrEmpty(key.ContainerId);
        ArgumentException.ThrowIfNullOrEmpty(key.IfName);
        JsonFileCheckpointStore.CreatePrivateDirectory(Directory);
        var fileName = FileNameFor(key);
        var path = Path.Combine(Directory, fileName);
        var temp = Path.Combine(Directory, string.Create(CultureInfo.InvariantCulture, $".{fileName}.{Guid.NewGuid():N}.tmp"));
        var bytes = JsonSerializer.SerializeToUtf8Bytes(
            new SpooledRelease(key.NetworkName, key.ContainerId, key.IfName, now), SpoolJsonContext.Default.SpooledRelease);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temp, options))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            JsonFileCheckpointStore.TryDelete(temp);
            throw;
        }

        DirectorySync.Fsync(Directory);
        return path;
    }

    /// <summary>Every spooled release, oldest file name order; unreadable files are reported, not thrown.
    /// A missing directory is an empty spool. Temp files of interrupted writes are ignored.</summary>
    public IReadOnlyList<SpoolEntry> Read()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        var files = System.IO.Directory.GetFiles(Directory, FilePrefix + "*" + FileSuffix);
        Array.Sort(files, StringComparer.Ordinal);
        var entries = new List<SpoolEntry>(files.Length);
        foreach (var file in files)
        {
            entries.Add(ReadOne(file));
        }

        return entries;
    }

    /// <summary>Removes a handled spool file; a missing file is fine (drained twice).</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is not a file of this spool.</exception>
    public void Remove(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (!string.Equals(Path.GetDirectoryName(full), Directory, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{path}' is not a file of the release spool '{Directory}'", nameof(path));
        }

        File.Delete(full);
    }

    private static SpoolEntry ReadOne(string file)
    {
        try
        {
            var release = JsonSerializer.Deserialize(File.ReadAllBytes(file), SpoolJsonContext.Default.SpooledRelease);
            if (release is null || release.NetworkName.Length == 0 || release.ContainerId.Length == 0 || release.IfName.Length == 0)
            {
                return new SpoolEntry(file, null, $"spool file '{file}' is corrupt: empty network name, container id or ifname");
            }

            if (!string.Equals(Path.GetFileName(file), FileNameFor(new(release.NetworkName, release.ContainerId, release.IfName)), StringComparison.Ordinal))
            {
                return new SpoolEntry(file, null, $"spool file '{file}' is corrupt: its name does not match its key");
            }

            return new SpoolEntry(file, release, null);
        }
        catch (JsonException e)
        {
            return new SpoolEntry(file, null, $"spool file '{file}' is corrupt: {e.Message}");
        }
        catch (IOException e)
        {
            return new SpoolEntry(file, null, $"spool file '{file}' cannot be read: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            return new SpoolEntry(file, null, $"spool file '{file}' cannot be read: {e.Message}");
        }
    }
}
