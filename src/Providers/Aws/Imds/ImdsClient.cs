using System.Globalization;
using System.Net;
using Cloudnet.Ipam.Cloud;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Providers.Aws.Imds;

/// <summary>
/// IMDSv2: every read carries a session token obtained with a PUT to /latest/api/token. The token
/// is cached and renewed once four fifths of its lifetime have passed (and at once when IMDS says
/// 401, e.g. after IMDS restarted), so reads never race an expiring token.
/// </summary>
public sealed partial class ImdsClient : IDisposable
{
    internal const string TokenHeader = "X-aws-ec2-metadata-token";
    internal const string TokenTtlHeader = "X-aws-ec2-metadata-token-ttl-seconds";
    private const int MaxAttempts = 3;

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly TimeSpan _tokenTtl;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private string? _token;
    private long _tokenRenewAt;

    /// <summary>Creates a client for <paramref name="endpoint"/> (e.g. http://169.254.169.254/).</summary>
    public ImdsClient(Uri endpoint, TimeSpan tokenTtl, TimeSpan requestTimeout, TimeProvider timeProvider, ILogger logger)
        : this(new HttpClient { BaseAddress = endpoint, Timeout = requestTimeout }, ownsHttp: true, tokenTtl, timeProvider, logger)
    {
    }

    /// <summary>Creates a client over <paramref name="http"/>, whose BaseAddress is the IMDS endpoint.</summary>
    public ImdsClient(HttpClient http, bool ownsHttp, TimeSpan tokenTtl, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _ownsHttp = ownsHttp;
        _tokenTtl = tokenTtl;
        _time = timeProvider;
        _logger = logger;
    }

    /// <summary>Reads a metadata path ("meta-data/instance-id"); null when IMDS says 404.</summary>
    /// <exception cref="CloudProviderException">IMDS failed or is unreachable (Transient).</exception>
    public async Task<string?> GetAsync(string path, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var token = await TokenAsync(cancellationToken).ConfigureAwait(false);
                using var request = new HttpRequestMessage(HttpMethod.Get, "latest/" + path);
                request.Headers.Add(TokenHeader, token);
                using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    return null;
                }

                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    // The token was rejected (IMDS restarted, clock jump): drop it and ask again.
                    InvalidateToken(token);
                    if (attempt < MaxAttempts)
                    {
                        continue;
                    }
                }

                if ((int)response.StatusCode >= 500 && attempt < MaxAttempts)
                {
                    await BackoffAsync(attempt, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw new CloudProviderException(CloudErrorKind.Transient, "IMDS GET " + path, $"HTTP {(int)response.StatusCode}");
                }

                return (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim();
            }
            catch (Exception ex) when (IsNetworkFailure(ex, cancellationToken) && attempt < MaxAttempts)
            {
                LogImdsRetry(_logger, path, attempt, ex.Message);
                await BackoffAsync(attempt, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsNetworkFailure(ex, cancellationToken))
            {
                throw new CloudProviderException(CloudErrorKind.Transient, "IMDS GET " + path, $"IMDS at {_http.BaseAddress} unreachable: {ex.Message}", ex);
            }
        }
    }

    /// <summary>Reads a metadata path that must exist.</summary>
    /// <exception cref="CloudProviderException">The path is missing (NotFound) or IMDS failed.</exception>
    public async Task<string> GetRequiredAsync(string path, CancellationToken cancellationToken) =>
        await GetAsync(path, cancellationToken).ConfigureAwait(false)
        ?? throw new CloudProviderException(CloudErrorKind.NotFound, "IMDS GET " + path, "IMDS has no such path");

    /// <inheritdoc />
    public void Dispose()
    {
        _tokenLock.Dispose();
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetTimestamp();
        var token = Volatile.Read(ref _token);
        if (token is not null && now < Volatile.Read(ref _tokenRenewAt))
        {
            return token;
        }

        await _tokenLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is not null && _time.GetTimestamp() < _tokenRenewAt)
            {
                return _token;
            }

            using var request = new HttpRequestMessage(HttpMethod.Put, "latest/api/token");
            request.Headers.Add(TokenTtlHeader, ((int)_tokenTtl.TotalSeconds).ToString(CultureInfo.InvariantCulture));
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new CloudProviderException(CloudErrorKind.Transient, "IMDS PUT api/token", $"HTTP {(int)response.StatusCode}");
            }

            var fresh = (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim();
            var renewAfter = _tokenTtl * 0.8;
            _tokenRenewAt = _time.GetTimestamp() + (long)(renewAfter.TotalSeconds * _time.TimestampFrequency);
            Volatile.Write(ref _token, fresh);
            LogTokenRenewed(_logger, (int)_tokenTtl.TotalSeconds);
            return fresh;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    private void InvalidateToken(string token) => Interlocked.CompareExchange(ref _token, null, token);

    private Task BackoffAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), _time, cancellationToken);

    private static bool IsNetworkFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException or IOException
        || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Debug, Message = "IMDSv2 token renewed (ttl {TtlSeconds} s)")]
    private static partial void LogTokenRenewed(ILogger logger, int ttlSeconds);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "IMDS GET {Path} failed (attempt {Attempt}), retrying: {Error}")]
    private static partial void LogImdsRetry(ILogger logger, string path, int attempt, string error);
}
