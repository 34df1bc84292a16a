namespace Cloudnet.Testing.Netns;

/// <summary>The outcome of a command run by a test helper.</summary>
/// <param name="Command">The command line, for messages.</param>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="Stdout">Everything written to standard output.</param>
/// <param name="Stderr">Everything written to standard error.</param>
public sealed record CommandResult(string Command, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>True when the exit code is 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>Returns this result, or throws with the command's output when it failed.</summary>
    public CommandResult EnsureSuccess() =>
        Succeeded ? this : throw new InvalidOperationException($"'{Command}' exited with {ExitCode}: {Stderr.Trim()} {Stdout.Trim()}");
}
