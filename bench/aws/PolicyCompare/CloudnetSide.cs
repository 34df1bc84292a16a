using System.Net.Http.Json;
using System.Text.Json;
using Cloudnet.Emulator.Control;

namespace Cloudnet.Bench.AwsPolicy;

/// <summary>The cloudnet side's emulator (a separate process) and daemon, reached over loopback in the node namespace.</summary>
public sealed class CloudnetSide(Uri emulator, Uri introspection) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The emulator's EC2 call counts.</summary>
    public async Task<CallsSnapshot> CallsAsync(CancellationToken cancellationToken) =>
        await _http.GetFromJsonAsync<CallsSnapshot>(new Uri(emulator, "_emulator/calls"), Json, cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException("the emulator answered no call counts");

    /// <summary>Zeroes the emulator's counts.</summary>
    public async Task ResetCallsAsync(CancellationToken cancellationToken) =>
        (await _http.DeleteAsync(new Uri(emulator, "_emulator/calls"), cancellationToken).ConfigureAwait(false)).EnsureSuccessStatusCode();

    /// <summary>"N ENIs, total T, assigned A, cooling C" from the daemon's /v1/pool.</summary>
    public async Task<string> PoolAsync(CancellationToken cancellationToken)
    {
        var pool = await _http.GetFromJsonAsync<JsonElement>(new Uri(introspection, "v1/pool"), cancellationToken).ConfigureAwait(false);
        return $"{pool.GetProperty("interfaces").GetArrayLength()} ENIs, {pool.GetProperty("total").GetInt32()} addresses, "
            + $"{pool.GetProperty("assigned").GetInt32()} assigned, {pool.GetProperty("cooling").GetInt32()} cooling";
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
