using System.Runtime.Versioning;
using System.Text;
using Cloudnet.Ipam.Checkpoint;

namespace Cloudnet.Ipam.Tests.Checkpoint;

[UnsupportedOSPlatform("windows")] // file modes
public sealed class JournaledCheckpointStoreTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string SnapshotPath => _dir.Combine("state", "ipam.json");

    private string JournalPath => _dir.Combine("state", "ipam.journal");

    /// <summary>State number <paramref name="n"/> of a churn: pods 0..n-1 minus every third, which cools down.</summary>
    private static CheckpointData State(int n) => new()
    {
        Allocations = [.. Enumerable.Range(0, n).Where(i => i % 3 != 2).Select(i => new CheckpointAllocation(
            "k8s-pod-network", $"pod{i}", "eth0", $"10.0.{i / 200}.{i % 200 + 1}", "eni-1", At.AddSeconds(i), "default", $"web-{i}", null, $"/run/netns/cni-{i}"))],
        Cooling = [.. Enumerable.Range(0, n).Where(i => i % 3 == 2).Select(i => new CheckpointCooling($"10.0.{i / 200}.{i % 200 + 1}", "eni-1", At.AddSeconds(i + 30)))],
    };

    private static void AssertSameState(CheckpointData expected, CheckpointData? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(CheckpointData.CurrentVersion, actual.Version);
        Assert.Equal(expected.Allocations.OrderBy(a => a.ContainerId, StringComparer.Ordinal), actual.Allocations.OrderBy(a => a.ContainerId, StringComparer.Ordinal));
        Assert.Equal(expected.Cooling.OrderBy(c => c.Address, StringComparer.Ordinal), actual.Cooling.OrderBy(c => c.Address, StringComparer.Ordinal));
    }

    private async Task<CheckpointData?> LoadFreshAsync(int journalBytes = JournaledCheckpointStore.DefaultJournalBytes)
    {
        using var reader = new JournaledCheckpointStore(SnapshotPath, journalBytes);
        return await reader.LoadAsync(CancellationToken.None);
    }

    [Fact]
    public async Task SaveAsync_ManyChanges_OneSnapshotThenRecordsAndAFreshInstanceLoadsTheLatest()
    {
        using var store = new JournaledCheckpointStore(SnapshotPath);

        for (var n = 0; n <= 40; n++)
        {
            await store.SaveAsync(State(n), CancellationToken.None);
        }

        Assert.Equal(1, store.SnapshotWrites);
        Assert.Equal(40, store.JournalWrites);
        AssertSameState(State(40), await LoadFreshAsync());
        AssertSameState(State(0), await new JsonFileCheckpointStore(SnapshotPath).LoadAsync(CancellationToken.None)); // the snapshot alone is the first state
    }

    [Fact]
    public async Task SaveAsync_Removals_AreReplayed()
    {
        using var store = new JournaledCheckpointStore(SnapshotPath);
        await store.SaveAsync(State(30), CancellationToken.None);
        await store.SaveAsync(State(31), CancellationToken.None);

        await store.SaveAsync(State(10), CancellationToken.None); // 20 allocations and cooldowns gone at once
        await store.SaveAsync(new CheckpointData(), CancellationToken.None);

        Assert.Equal(1, store.SnapshotWrites);
        var loaded = await LoadFreshAsync();
        Assert.Empty(loaded!.Allocations);
        Assert.Empty(loaded.Cooling);
    }

    [Fact]
    public async Task SaveAsync_Unchanged_WritesNothing()
    {
        using var store = new JournaledCheckpointStore(SnapshotPath);
        await store.SaveAsync(State(5), CancellationToken.None);
        await store.SaveAsync(State(6), CancellationToken.None);
        var journal = await File.ReadAllBytesAsync(JournalPath);

        await store.SaveAsync(State(6), CancellationToken.None);

        Assert.Equal(1, store.JournalWrites);
        Assert.Equal(journal, await File.ReadAllBytesAsync(JournalPath));
    }

    [Fact]
    public async Task SaveAsync_Written_RecordIsReadableAtOnceAndTheNextSyncedSaveSyncsIt()
    {
        using var store = new JournaledCheckpointStore(SnapshotPath);
        await store.SaveAsync(State(5), CancellationToken.None);

        await store.SaveAsync(State(6), CheckpointDurability.Written, CancellationToken.None);

        Assert.Equal((1L, 0L), (store.JournalWrites, store.JournalSyncs));
        AssertSameState(State(6), await LoadFreshAsync()); // a restarted daemon reads it from the page cache

        await store.SaveAsync(State(6), CancellationToken.None); // nothing new, but something unsynced
        Assert.Equal((1L, 1L), (store.JournalWrites, store.JournalSyncs));

        await store.SaveAsync(State(6), CancellationToken.None); // nothing unsynced any more
        Assert.Equal(1L, store.JournalSyncs);

        await store.SaveAsync(State(7), CheckpointDurability.Written, CancellationToken.None);
        await store.SaveAsync(State(8), CheckpointDurability.Written, CancellationToken.None);
        await store.SaveAsync(State(9), CancellationToken.None); // one sync covers the two before it
        Assert.Equal((4L, 2L), (store.JournalWrites, store.JournalSyncs));
        AssertSameState(State(9), await LoadFreshAsync());
    }

    [Fact]
    public async Task SaveAsync_WrittenThatDoesNotFit_CompactsIntoASyncedSnapshot()
    {
        using var store = new JournaledCheckpointStore(SnapshotPath, journalBytes: 256);
        await store.SaveAsync(State(0), CancellationToken.None);

        await store.SaveAsync(State(30), CheckpointDurability.Written, CancellationToken.None);

        Assert.Equal((2L, 0L), (store.SnapshotWrites, store.JournalWrites));
        AssertSameState(State(30), await new JsonFileCheckpointStore(SnapshotPath).LoadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SaveAsync_JournalFull_CompactsIntoANewSnapshotAndStillLoadsTheLatest()
    {
        using var store = new JournaledCheckpointStore(SnapshotPath, journalBytes: 1024);
        await store.SaveAsync(State(0), CancellationToken.None);
        var firstEpoch = (await new JsonFileCheckpointStore(SnapshotPath).LoadAsync(CancellationToken.None))!.JournalEpoch;

        for (var n = 1; n <= 60; n++)
        {
            await store.SaveAsync(State(n), CancellationToken.None);
        }

        Assert.True(store.SnapshotWrites > 5, $"expected compactions, saw {store.SnapshotWrites} snapshot writes");
        Assert.True(store.JournalWrites > 30, $"expected most saves in the journal, saw {store.JournalWrites}");
        Assert.Equal(1024, new FileInfo(JournalPath).Length);
        var snapshot = await new JsonFileCheckpointStore(SnapshotPath).LoadAsync(CancellationToken.None);
        Assert.NotEqual(firstEpoch, snapshot!.JournalEpoch);
        AssertSameState(State(60), await LoadFreshAsync(1024));
    }

    [Fact]
    public async Task SaveAsync_FirstSave_PreallocatesAPrivateJournal()
    {
        using var store = new JournaledCheckpointStore(SnapshotPath, journalBytes: 4096);

        await store.SaveAsync(State(1), CancellationToken.None);

        Assert.Equal(4096, new FileInfo(JournalPath).Length);
        Assert.All(await File.ReadAllBytesAsync(JournalPath), b => Assert.Equal(0, b));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(JournalPath));
    }

    [Fact]
    public async Task LoadAsync_TornLastRecord_ReturnsTheStateBeforeIt()
    {
        using (var store = new JournaledCheckpointStore(SnapshotPath))
        {
            for (var n = 0; n <= 8; n++)
            {
                await store.SaveAsync(State(n), CancellationToken.None);
            }
        }

        // A crash in the middle of the last write: its tail never reached the disk.
        var bytes = await File.ReadAllBytesAsync(JournalPath);
        var end = Array.IndexOf(bytes, (byte)0);
        var lastStart = Array.LastIndexOf(bytes, (byte)'\n', end - 2) + 1;
        Array.Clear(bytes, lastStart + (end - lastStart) / 2, end - lastStart - (end - lastStart) / 2);
        await File.WriteAllBytesAsync(JournalPath, bytes);

        AssertSameState(State(7), await LoadFreshAsync());
    }

    [Fact]
    public async Task LoadAsync_FlippedByteInARecord_StopsBeforeThatRecord()
    {
        using (var store = new JournaledCheckpointStore(SnapshotPath))
        {
            for (var n = 0; n <= 8; n++)
            {
                await store.SaveAsync(State(n), CancellationToken.None);
            }
        }

        var bytes = await File.ReadAllBytesAsync(JournalPath);
        var text = Encoding.UTF8.GetString(bytes);
        var fifth = text.IndexOf("\"seq\":5", StringComparison.Ordinal);
        bytes[text.IndexOf("pod", fifth, StringComparison.Ordinal)] ^= 0x20; // "pod" → "Pod": CRC mismatch
        await File.WriteAllBytesAsync(JournalPath, bytes);

        AssertSameState(State(4), await LoadFreshAsync());
    }

    [Fact]
    public async Task LoadAsync_RecordsOfAnOlderEpochBeyondTheTail_AreIgnored()
    {
        using (var first = new JournaledCheckpointStore(SnapshotPath))
        {
            for (var n = 0; n <= 20; n++)
            {
                await first.SaveAsync(State(n), CancellationToken.None);
            }
        }

        // A restart: the new instance writes a snapshot under a new epoch and overwrites only the
        // journal's first records; the older ones behind them must not be replayed.
        using (var second = new JournaledCheckpointStore(SnapshotPath))
        {
            await second.SaveAsync(State(2), CancellationToken.None);
            await second.SaveAsync(State(3), CancellationToken.None);
        }

        AssertSameState(State(3), await LoadFreshAsync());
    }

    [Fact]
    public async Task LoadAsync_SnapshotWithoutEpoch_LoadsAsWritten()
    {
        await new JsonFileCheckpointStore(SnapshotPath).SaveAsync(State(4), CancellationToken.None);

        AssertSameState(State(4), await LoadFreshAsync());
        Assert.False(File.Exists(JournalPath)); // loading never creates the journal
    }

    [Fact]
    public async Task LoadAsync_JournalWithoutSnapshot_ReturnsNull()
    {
        using (var store = new JournaledCheckpointStore(SnapshotPath))
        {
            await store.SaveAsync(State(1), CancellationToken.None);
            await store.SaveAsync(State(2), CancellationToken.None);
        }

        File.Delete(SnapshotPath);

        Assert.Null(await LoadFreshAsync());
    }

    [Fact]
    public async Task LoadAsync_CorruptSnapshot_ThrowsAndLeavesBothFilesUntouched()
    {
        using (var store = new JournaledCheckpointStore(SnapshotPath))
        {
            await store.SaveAsync(State(1), CancellationToken.None);
            await store.SaveAsync(State(2), CancellationToken.None);
        }

        await File.WriteAllTextAsync(SnapshotPath, "{\"version\": \"cloudnet-ipam/1\", \"allocations\": [");
        var snapshot = await File.ReadAllBytesAsync(SnapshotPath);
        var journal = await File.ReadAllBytesAsync(JournalPath);

        await Assert.ThrowsAsync<CheckpointException>(() => LoadFreshAsync());
        Assert.Equal(snapshot, await File.ReadAllBytesAsync(SnapshotPath));
        Assert.Equal(journal, await File.ReadAllBytesAsync(JournalPath));
    }
}
