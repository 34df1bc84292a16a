namespace Cloudnet.Ipamd.State;

/// <summary>
/// One async lock per key: ADD, DEL and CHECK of one attachment run one at a time (a runtime
/// retrying ADD while DEL runs must not corrupt state), different attachments in parallel.
/// Entries live only while someone holds or waits for them.
/// </summary>
/// <typeparam name="TKey">The attachment key.</typeparam>
public sealed class KeyedLock<TKey>
    where TKey : notnull
{
    private readonly Dictionary<TKey, Entry> _entries = [];
    private readonly Lock _gate = new();

    /// <summary>Waits for the key's lock; dispose the result to release it.</summary>
    public async ValueTask<Releaser> AcquireAsync(TKey key, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                entry = new Entry();
                _entries[key] = entry;
            }

            entry.Users++;
        }

        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(key, entry);
            throw;
        }

        return new Releaser(this, key, entry);
    }

    /// <summary>Keys held or waited for now (GC never releases an attachment whose ADD is in flight).</summary>
    public IReadOnlyCollection<TKey> ActiveKeys()
    {
        lock (_gate)
        {
            return [.. _entries.Keys];
        }
    }

    private void Leave(TKey key, Entry entry)
    {
        lock (_gate)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(key);
            }
        }
    }

    /// <summary>Releases the key's lock.</summary>
    public readonly struct Releaser : IDisposable
    {
        private readonly KeyedLock<TKey> _owner;
        private readonly TKey _key;
        private readonly Entry _entry;

        internal Releaser(KeyedLock<TKey> owner, TKey key, Entry entry)
        {
            _owner = owner;
            _key = key;
            _entry = entry;
        }

        /// <inheritdoc />
        public void Dispose()
        {
            _entry.Semaphore.Release();
            _owner.Leave(_key, _entry);
        }
    }

    internal sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }
}
