using Cloudnet.Testing.Netns;

namespace Cloudnet.Providers.BareMetal.Tests.Bgp;

/// <summary>
/// A real bird2 for one test, inside a throwaway namespace, with its own config, control socket and
/// pid file in a temp directory (never the system BIRD). Dispose stops it and removes the directory.
/// </summary>
internal sealed class BirdProcess : IDisposable
{
    private BirdProcess(ThrowawayNamespace netns, string directory)
    {
        Namespace = netns;
        Directory = directory;
    }

    public ThrowawayNamespace Namespace { get; }

    public string Directory { get; }

    public string ConfigPath => Path.Combine(Directory, "bird.conf");

    public string SocketPath => Path.Combine(Directory, "bird.ctl");

    private string PidPath => Path.Combine(Directory, "bird.pid");

    /// <summary>Starts bird in <paramref name="netns"/> with <paramref name="config"/>; waits until its socket exists.</summary>
    public static BirdProcess Start(ThrowawayNamespace netns, string config)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("cloudnet-bird-").FullName;
        var bird = new BirdProcess(netns, directory);
        try
        {
            File.WriteAllText(bird.ConfigPath, config);
            // bird daemonises once it has parsed the config and opened its control socket.
            netns.Exec("bird", "-c", bird.ConfigPath, "-s", bird.SocketPath, "-P", bird.PidPath).EnsureSuccess();
            return bird;
        }
        catch
        {
            bird.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (File.Exists(PidPath) && int.TryParse(File.ReadAllText(PidPath).Trim(), out var pid))
        {
            Command.Run("kill", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
            for (var i = 0; i < 50 && File.Exists($"/proc/{pid}"); i++)
            {
                Command.Run("sleep", "0.1");
            }
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
