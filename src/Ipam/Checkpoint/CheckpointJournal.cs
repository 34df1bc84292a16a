using System.Globalization;
using System.IO.Hashing;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;

namespace Cloudnet.Ipam.Checkpoint;

/// <summary>
/// The write-ahead journal next to the checkpoint snapshot. Each record is one line,
/// <c>crc32-hex SP json LF</c>, written in place into a file preallocated once with zeros, then
/// made durable with <c>fdatasync</c>: the file's size and blocks never change afterwards, so the
/// sync flushes one data block and no filesystem metadata (a fraction of the temp-file, rename and
/// two-fsync cost of a snapshot). Records of one epoch start at offset 0 and follow each other; a
/// reader stops at the first line that is torn, fails its CRC, or belongs to another epoch or
/// sequence, which is where the writer stopped (or crashed).
/// </summary>
internal sealed class CheckpointJournal : IDisposable
{
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const int CrcLength = 8;

    private readonly int _capacity;
    private FileStream? _stream;
    private SafeFileHandle? _handle;
    private long _offset;

    /// <summary>A journal at <paramref name="path"/> holding up to <paramref name="capacity"/> bytes of records.</summary>
    public CheckpointJournal(string path, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 256);
        Path = path;
        _capacity = capacity;
    }

    /// <summary>The journal file.</summary>
    public string Path { get; }

    /// <summary>Starts a new epoch: the next record goes to offset 0. Creates and preallocates the file when needed.</summary>
    /// <exception cref="IOException">The file cannot be created or preallocated.</exception>
    public void Reset()
    {
        _handle ??= OpenPreallocated();
        _offset = 0;
    }

    /// <summary>Appends a record and, with <paramref name="sync"/>, waits until it and every record before it
    /// are on disk; false (nothing written) when it does not fit.</summary>
    /// <exception cref="IOException">The write or the sync failed; the journal must be reset before the next append.</exception>
    public bool TryAppend(JournalRecord record, bool sync)
    {
        var handle = _handle ?? throw new InvalidOperationException("journal: Reset before the first append");
        var line = Frame(record);
        if (_offset + line.Length > _capacity)
        {
            return false;
        }

        RandomAccess.Write(handle, line, _offset);
        if (sync)
        {
            FileSync.DataSync(handle, Path);
        }

        _offset += line.Length;
        return true;
    }

    /// <summary>Waits until every record appended so far is on disk.</summary>
    /// <exception cref="IOException">The sync failed; the journal must be reset before the next append.</exception>
    public void Sync() => FileSync.DataSync(_handle ?? throw new InvalidOperationException("journal: Reset before the first sync"), Path);

    /// <summary>The records of <paramref name="epoch"/>, in order, up to the first invalid line; empty when the file is missing.</summary>
    public static IReadOnlyList<JournalRecord> Read(string path, string epoch)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }

        var records = new List<JournalRecord>();
        var rest = bytes.AsSpan();
        while (TryReadLine(ref rest, out var record)
            && string.Equals(record.Epoch, epoch, StringComparison.Ordinal)
            && record.Seq == records.Count + 1)
        {
            records.Add(record);
        }

        return records;
    }

    /// <inheritdoc />
    public void Dispose() => _stream?.Dispose();

    /// <summary>The record as one line: CRC-32 of the JSON in hex, a space, the JSON, a newline.</summary>
    internal static byte[] Frame(JournalRecord record)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(record, JournalJsonContext.Default.JournalRecord);
        var line = new byte[CrcLength + 1 + json.Length + 1];
        Crc32.HashToUInt32(json).TryFormat(line, out _, "x8", CultureInfo.InvariantCulture);
        line[CrcLength] = (byte)' ';
        json.CopyTo(line, CrcLength + 1);
        line[^1] = (byte)'\n';
        return line;
    }

    private static bool TryReadLine(ref Span<byte> rest, out JournalRecord record)
    {
        record = null!;
        var end = rest.IndexOf((byte)'\n');
        if (end < CrcLength + 2 || rest[CrcLength] != (byte)' ')
        {
            return false;
        }

        var line = rest[..end];
        rest = rest[(end + 1)..];
        if (!uint.TryParse(line[..CrcLength], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var crc)
            || Crc32.HashToUInt32(line[(CrcLength + 1)..]) != crc)
        {
            return false;
        }

        try
        {
            record = JsonSerializer.Deserialize(line[(CrcLength + 1)..], JournalJsonContext.Default.JournalRecord)!;
            return record is not null;
        }
        catch (JsonException)
        {
            return false; // a CRC-valid line that does not parse: a different writer's garbage, treated as the end
        }
    }

    private SafeFileHandle OpenPreallocated()
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        JsonFileCheckpointStore.CreatePrivateDirectory(directory);
        var created = !File.Exists(Path);
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFile;
        }

        // The stream only opens the file (with the create mode); all I/O goes through RandomAccess on its handle.
        var stream = new FileStream(Path, options);
        var handle = stream.SafeFileHandle;
        try
        {
            var length = RandomAccess.GetLength(handle);
            if (length < _capacity)
            {
                // Real zeros, not a sparse or fallocated range: writing into unwritten extents would make
                // every later fdatasync commit an extent conversion to the filesystem journal.
                var zeros = new byte[64 * 1024]; // in chunks: a journal-sized array would stay on the large-object heap
                for (var at = length; at < _capacity; at += zeros.Length)
                {
                    RandomAccess.Write(handle, zeros.AsSpan(0, (int)Math.Min(zeros.Length, _capacity - at)), at);
                }

                FileSync.Sync(handle, Path);
            }

            if (created)
            {
                DirectorySync.Fsync(directory);
            }

            _stream = stream;
            return handle;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }
}
