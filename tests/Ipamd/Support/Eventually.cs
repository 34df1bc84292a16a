namespace Cloudnet.Ipamd.Tests.Support;

/// <summary>Waits for a condition that background work makes true; fails with a message if it never does.</summary>
public static class Eventually
{
    /// <summary>Polls every 10 ms, calling <paramref name="step"/> between polls, for up to <paramref name="timeout"/>
    /// (default 60 s: generous, because it only bounds a failing run, and a loaded machine with a starved
    /// thread pool can take many seconds for work that is normally instant).</summary>
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null, Action? step = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for: {what}");
            }

            step?.Invoke();
            await Task.Delay(10);
        }
    }
}
