using System.Text.Json;

namespace Cloudnet.Ipamd.Providers.Local;

/// <summary>Reads and atomically replaces the local provider's state file.</summary>
internal sealed class LocalPoolStateFile(string path)
{
    public string Path { get; } = path;

    /// <summary>The saved state; an empty state when the file is missing.</summary>
    /// <exception cref="InvalidDataException">The file is not valid JSON; it is left as it is.</exception>
    public async Task<LocalPoolState> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            return new LocalPoolState();
        }

        try
        {
            await using var stream = File.OpenRead(Path);
            return await JsonSerializer.DeserializeAsync(stream, LocalPoolJsonContext.Default.LocalPoolState, cancellationToken).ConfigureAwait(false)
                ?? new LocalPoolState();
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"local provider state {Path} is corrupt: {ex.Message}", ex);
        }
    }

    /// <summary>Writes to a temporary file, flushes it to disk and renames it over the old one.</summary>
    public async Task SaveAsync(LocalPoolState state, CancellationToken cancellationToken)
    {
        var temp = Path + ".tmp";
        try
        {
            await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                await JsonSerializer.SerializeAsync(stream, state, LocalPoolJsonContext.Default.LocalPoolState, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, Path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
