using System.Net;

namespace Cloudnet.Providers.Aws.Tests.Imds;

/// <summary>A tiny IMDSv2 in memory: issues numbered tokens, rejects reads without a valid one.</summary>
internal sealed class StubImdsHandler : HttpMessageHandler
{
    private readonly Dictionary<string, string> _paths;
    private readonly HashSet<string> _valid = [];

    public StubImdsHandler(Dictionary<string, string> paths) => _paths = paths;

    public int TokensIssued { get; private set; }

    public List<string> TtlsRequested { get; } = [];

    public void RevokeAllTokens() => _valid.Clear();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (request.Method == HttpMethod.Put && path == "/latest/api/token")
        {
            TtlsRequested.Add(request.Headers.GetValues("X-aws-ec2-metadata-token-ttl-seconds").Single());
            var token = "token-" + ++TokensIssued;
            _valid.Add(token);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(token) });
        }

        if (!request.Headers.TryGetValues("X-aws-ec2-metadata-token", out var tokens) || !_valid.Contains(tokens.Single()))
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Unauthorized));
        }

        return Task.FromResult(_paths.TryGetValue(path["/latest/".Length..], out var body)
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body) }
            : new HttpResponseMessage(HttpStatusCode.NotFound));
    }
}
