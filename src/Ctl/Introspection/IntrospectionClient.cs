using System.Net.Http.Json;
using System.Text.Json;
using Cloudnet.Contract.Introspection;

namespace Cloudnet.Ctl.Introspection;

/// <summary>Reads the daemon's introspection endpoint.</summary>
public sealed class IntrospectionClient(HttpClient http, string address)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>GET /v1/pool.</summary>
    public Task<PoolView> PoolAsync(CancellationToken cancellationToken) => GetAsync<PoolView>("/v1/pool", cancellationToken);

    /// <summary>GET /v1/allocations.</summary>
    public Task<IReadOnlyList<AllocationView>> AllocationsAsync(CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<AllocationView>>("/v1/allocations", cancellationToken);

    /// <summary>The raw JSON of <paramref name="path"/> (for --json).</summary>
    public async Task<string> RawAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(path, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(path, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"GET {path} on {address}: empty answer");
    }

    private async Task<HttpResponseMessage> SendAsync(string path, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(new Uri($"http://{address}{path}"), cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new CtlException($"cannot reach cloudnet-ipamd at {address} (GET {path}): {ex.Message}; is the daemon running? (--addr host:port)", ex);
        }

        if (!response.IsSuccessStatusCode)
        {
            var code = (int)response.StatusCode;
            response.Dispose();
            throw new CtlException($"GET {path} on {address} answered {code}");
        }

        return response;
    }
}
