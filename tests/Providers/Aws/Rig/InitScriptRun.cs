using Cloudnet.Emulator;
using Cloudnet.Emulator.State;
using Cloudnet.Providers.Aws.Tests.Emulator;

namespace Cloudnet.Providers.Aws.Tests.Rig;

/// <summary>
/// Runs localstack/init/ready.d/10-cloudnet-rig.sh twice with the real AWS CLI against one
/// in-process emulator standing in for LocalStack (LOCALSTACK_ENDPOINT), keeping what each run
/// wrote and what the cloud held after it. Nothing runs when the CLI is missing (the tests skip).
/// Removes its emulator and output directory when disposed.
/// </summary>
public sealed class InitScriptRun : IAsyncLifetime
{
    private static readonly string[] Creates = ["CreateVpc", "CreateSubnet", "CreateSecurityGroup", "RunInstances", "CreateNetworkInterface"];
    private EmulatorHandle? _emulator;
    private DirectoryInfo? _home;

    /// <summary>Exit code, stdout and stderr of each run.</summary>
    public List<(int ExitCode, string Stdout, string Stderr)> Runs { get; } = [];

    /// <summary>rig.env after each run (null when it was not written).</summary>
    public List<string?> RigEnv { get; } = [];

    /// <summary>The cloud after each run.</summary>
    public List<StateSnapshot> States { get; } = [];

    /// <summary>Create* and RunInstances calls the second run made (should be none).</summary>
    public long CreatesOnSecondRun { get; private set; } = -1;

    /// <summary>The emulator's booted instance (not the rig's).</summary>
    public string BootInstanceId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (AwsCli.Path is null)
        {
            return;
        }

        // Two runs of a script that starts the (Python) AWS CLI a dozen times or more each: about 100 s
        // on a machine with a load of 8 per core. The bound only stops a hung CLI, so it is generous.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        _emulator = await TestEmulator.StartAsync();
        BootInstanceId = _emulator.State.InstanceId;
        _home = Directory.CreateTempSubdirectory("cloudnet-rig-test-");
        var output = Path.Combine(_home.FullName, "out");
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["LOCALSTACK_ENDPOINT"] = _emulator.BaseUri.ToString().TrimEnd('/'),
            ["CLOUDNET_RIG_OUT"] = output,
            ["AWS_DEFAULT_REGION"] = "us-east-1",
            ["AWS_ACCESS_KEY_ID"] = "test",
            ["AWS_SECRET_ACCESS_KEY"] = "test",
            // Nothing from the machine's AWS setup, and no credential or region lookups off loopback.
            ["AWS_CONFIG_FILE"] = Path.Combine(_home.FullName, "no-config"),
            ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(_home.FullName, "no-credentials"),
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_PROFILE"] = null,
            ["AWS_SESSION_TOKEN"] = null,
            ["AWS_ENDPOINT_URL"] = null,
            ["AWS_ENDPOINT_URL_EC2"] = null,
            ["CLOUDNET_RIG_AZ"] = null,
            ["CLOUDNET_RIG_INSTANCE_TYPE"] = null,
        };
        for (var run = 0; run < 2; run++)
        {
            _emulator.Calls.Reset();
            Runs.Add(await AwsCli.RunAsync(AwsCli.InitScript, environment, timeout.Token));
            var rigEnv = Path.Combine(output, "rig.env");
            RigEnv.Add(File.Exists(rigEnv) ? await File.ReadAllTextAsync(rigEnv, timeout.Token) : null);
            States.Add(_emulator.State.Snapshot());
        }

        CreatesOnSecondRun = Creates.Sum(action => _emulator.Calls.Of(action).Calls);
    }

    public async Task DisposeAsync()
    {
        _home?.Delete(recursive: true);
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    /// <summary>The variables rig.env exports ("export NAME=value" lines).</summary>
    public static Dictionary<string, string> Parse(string rigEnv) =>
        rigEnv.Split('\n')
            .Where(line => line.StartsWith("export ", StringComparison.Ordinal) && line.Contains('=', StringComparison.Ordinal))
            .Select(line => line["export ".Length..].Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
}
