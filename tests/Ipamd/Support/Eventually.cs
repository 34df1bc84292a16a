namespace Cloudnet.Ipamd.Tests.Support;

/// <summary>Waits for a condition that background work makes true; fails with a message if it never does.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null, Action? step = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
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
