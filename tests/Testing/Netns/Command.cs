using System.Diagnostics;

namespace Cloudnet.Testing.Netns;

/// <summary>Runs a program for a test (e.g. <c>ip</c>, <c>ping</c>, <c>nft</c>) and captures its output.</summary>
public static class Command
{
    /// <summary>Default limit for one command: 60 seconds, then it is killed.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs <paramref name="file"/> with <paramref name="arguments"/> and waits for it.</summary>
    public static CommandResult Run(string file, params string[] arguments) => Run(file, arguments, stdin: null);

    /// <summary>Runs <paramref name="file"/>, writing <paramref name="stdin"/> to its standard input.</summary>
    public static CommandResult Run(string file, IReadOnlyList<string> arguments, string? stdin, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var line = $"{file} {string.Join(' ', arguments)}";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start '{line}'");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }

        if (!process.WaitForExit(timeout ?? DefaultTimeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"'{line}' did not finish within {timeout ?? DefaultTimeout}");
        }

        var result = new CommandResult(line, process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());

        // Process.Dispose leaves the redirected pipes to the finalizer; a test that runs hundreds of
        // commands then holds fds above 1024, and libnftables' select() aborts the test host.
        process.StandardOutput.Dispose();
        process.StandardError.Dispose();
        return result;
    }
}
