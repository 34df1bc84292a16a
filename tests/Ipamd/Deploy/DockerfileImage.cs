using System.Text.RegularExpressions;

namespace Cloudnet.Ipamd.Tests.Deploy;

/// <summary>
/// What deploy/Dockerfile's final image holds, read from its instructions (no image can be built
/// here): executables published in the build stage (`dotnet publish PROJECT -o DIR` gives
/// DIR/&lt;AssemblyName&gt;), files copied with `cp`, `COPY --from=build` into the final stage,
/// symbolic links made with `ln -s`, and the Debian packages installed.
/// </summary>
public sealed partial class DockerfileImage
{
    private DockerfileImage(IReadOnlySet<string> files, IReadOnlySet<string> packages, IReadOnlyList<string> publishLines)
    {
        Files = files;
        Packages = packages;
        PublishLines = publishLines;
    }

    /// <summary>Absolute paths of the executables in the final image.</summary>
    public IReadOnlySet<string> Files { get; }

    /// <summary>Debian packages the final stage installs.</summary>
    public IReadOnlySet<string> Packages { get; }

    /// <summary>The build stage's `dotnet publish` commands, one per line.</summary>
    public IReadOnlyList<string> PublishLines { get; }

    /// <summary>Reads deploy/Dockerfile.</summary>
    public static DockerfileImage Read()
    {
        // Join continuation lines, then split the stages at FROM.
        var text = RepoFiles.Read("deploy/Dockerfile").Replace("\\\n", " ", StringComparison.Ordinal);
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var stages = new List<List<string>>();
        foreach (var line in lines)
        {
            if (line.StartsWith("FROM ", StringComparison.Ordinal))
            {
                stages.Add([]);
            }

            stages[^1].Add(line);
        }

        var build = new HashSet<string>(StringComparer.Ordinal);
        var publish = new List<string>();
        foreach (var command in stages[0].Where(l => l.StartsWith("RUN ", StringComparison.Ordinal)).SelectMany(l => l[4..].Split("&&")))
        {
            if (Publish().Match(command) is { Success: true } p)
            {
                publish.Add(command.Trim());
                build.Add($"{p.Groups["out"].Value}/{AssemblyName(p.Groups["project"].Value)}");
            }
            else if (Copy().Match(command) is { Success: true } c && build.Contains(c.Groups["from"].Value))
            {
                build.Add(c.Groups["to"].Value);
            }
        }

        var image = new HashSet<string>(StringComparer.Ordinal);
        var packages = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in stages[^1])
        {
            if (FromBuild().Match(line) is { Success: true } copy)
            {
                var (from, to) = (copy.Groups["from"].Value, copy.Groups["to"].Value);
                image.UnionWith(from.EndsWith('/')
                    ? build.Where(f => f.StartsWith(from, StringComparison.Ordinal)).Select(f => to.TrimEnd('/') + "/" + f[from.Length..])
                    : build.Where(f => f == from).Select(_ => to));
            }
            else if (Link().Match(line) is { Success: true } link)
            {
                var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(link.Groups["link"].Value)!, link.Groups["target"].Value));
                if (image.Contains(target))
                {
                    image.Add(link.Groups["link"].Value);
                }
            }
            else if (line.Contains("apt-get install", StringComparison.Ordinal))
            {
                packages.UnionWith(line[(line.IndexOf("apt-get install", StringComparison.Ordinal) + "apt-get install".Length)..]
                    .Split("&&")[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith('-')));
            }
        }

        return new DockerfileImage(image, packages, publish);
    }

    private static string AssemblyName(string project) =>
        AssemblyNameElement().Match(RepoFiles.Read(project)) is { Success: true } m ? m.Groups[1].Value : Path.GetFileNameWithoutExtension(project);

    [GeneratedRegex(@"dotnet publish (?<project>\S+\.csproj)\b.*?-o (?<out>\S+)")]
    private static partial Regex Publish();

    [GeneratedRegex(@"^\s*cp (?<from>\S+) (?<to>\S+)\s*$")]
    private static partial Regex Copy();

    [GeneratedRegex(@"^COPY --from=build (?<from>\S+) (?<to>\S+)$")]
    private static partial Regex FromBuild();

    [GeneratedRegex(@"^RUN ln -s (?<target>\S+) (?<link>\S+)$")]
    private static partial Regex Link();

    [GeneratedRegex(@"<AssemblyName>([^<]+)</AssemblyName>")]
    private static partial Regex AssemblyNameElement();
}
