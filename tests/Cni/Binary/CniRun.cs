using System.Text.Json;

namespace Cloudnet.Cni.Tests.Binary;

/// <summary>One execution of the published binary: exit code, stdout (the CNI result or error), stderr (logs).</summary>
internal sealed record CniRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The error code, asserting the run failed with a spec-shaped error (code, msg) on stdout.</summary>
    public int ErrorCode(out string message)
    {
        Assert.True(ExitCode != 0, $"expected a failure, got exit 0 with stdout: {Stdout}");
        using var doc = JsonDocument.Parse(Stdout);
        message = doc.RootElement.GetProperty("msg").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(message), Stdout);
        Assert.True(doc.RootElement.TryGetProperty("cniVersion", out _), Stdout);
        return doc.RootElement.GetProperty("code").GetInt32();
    }

    /// <summary>Asserts success and returns the parsed result.</summary>
    public JsonElement Result()
    {
        Assert.True(ExitCode == 0, $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}");
        return JsonDocument.Parse(Stdout).RootElement.Clone();
    }

    /// <summary>Asserts success with nothing on stdout (DEL, CHECK, GC, STATUS).</summary>
    public void Silent()
    {
        Assert.True(ExitCode == 0, $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}");
        Assert.Equal(string.Empty, Stdout.Trim());
    }
}
