using System.Reflection;
using System.Text.RegularExpressions;
using Cloudnet.Ctl;

namespace Cloudnet.Ipamd.Tests.Deploy;

/// <summary>The image deploy/Dockerfile describes holds what the manifests run and what the daemon loads.</summary>
public sealed class DockerfileTests
{
    private static readonly DockerfileImage Image = DockerfileImage.Read();

    [Fact]
    public void Image_HoldsEveryCommandTheDaemonSetRuns()
    {
        var spec = Manifests.Files("deploy/kubernetes/base/daemonset.yaml").DaemonSet.Spec.Template.Spec;

        Assert.All(spec.InitContainers.Concat(spec.Containers), c => Assert.True(Image.Files.Contains(c.Command[0]), $"{c.Name} runs {c.Command[0]}, which the image does not have (it has {string.Join(", ", Image.Files.Order(StringComparer.Ordinal))})"));
    }

    [Fact]
    public void Image_CniBinaryBesideCloudnetctl_WhereInstallCniLooksByDefault()
    {
        var cloudnetctl = Manifests.Files("deploy/kubernetes/base/daemonset.yaml").InstallCni.Command[0];
        var options = CtlArguments.Parse(["install-cni"]).Arguments!.InstallCni!;

        Assert.Equal("cloudnet", Path.GetFileName(options.BinarySource));
        Assert.Contains(Path.Combine(Path.GetDirectoryName(cloudnetctl)!, "cloudnet"), Image.Files);
    }

    [Fact]
    public void Image_DaemonPublishedAsTheMakefileDoes()
    {
        var makefile = RepoFiles.Read("Makefile").Replace("\\\n", " ", StringComparison.Ordinal);
        var make = makefile.Split('\n').Single(l => l.Contains("publish src/Ipamd/", StringComparison.Ordinal));
        var docker = Image.PublishLines.Single(l => l.Contains("src/Ipamd/", StringComparison.Ordinal));

        static string[] Flags(string line) => [.. Regex.Matches(line, @"(--self-contained|-p:\S+|-r \S+|-c (Release|\$\(CONFIG\)))").Select(m => m.Value.Replace("$(CONFIG)", "Release", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
        Assert.Equal(Flags(make), Flags(docker));
        Assert.Contains("-p:PublishTrimmed=true", Flags(docker));
    }

    [Fact]
    public void Image_InstallsTheNftablesLibraryTheDaemonLoads()
    {
        var native = typeof(Cloudnet.Dataplane.Nftables.LibNftables).Assembly.GetType("Cloudnet.Dataplane.Nftables.LibNftablesNative", throwOnError: true)!;
        var soname = (string)native.GetField("Library", BindingFlags.NonPublic | BindingFlags.Static)!.GetRawConstantValue()!;
        var package = Regex.Replace(soname, @"^(lib\w+)\.so\.(\d+)$", "$1$2"); // Debian names a library package after its soname

        Assert.Equal("libnftables.so.1", soname);
        Assert.Contains(package, Image.Packages);
    }

    [KustomizeTheory]
    [InlineData("baremetal")]
    public void Image_HasBirdForTheBareMetalSidecar(string overlay)
    {
        var bird = Kustomize.Overlay(overlay).DaemonSet.Spec.Template.Spec.Containers.Single(c => c.Name == "bird");

        Assert.Contains("exec bird ", string.Join(' ', bird.Command), StringComparison.Ordinal);
        Assert.Contains("bird2", Image.Packages);
    }
}
