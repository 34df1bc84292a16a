using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Cloudnet.Providers.BareMetal.Bgp;

/// <summary>
/// BIRD's control protocol (what birdc speaks) on its Unix socket: a greeting "0001 BIRD x ready.",
/// then one command per line; each reply line is a 4-digit code followed by '-' (more lines follow),
/// or ' ' (the last line), or a line starting with a space that continues the previous code.
/// One command at a time per connection; open one connection per use.
/// </summary>
public sealed class BirdControlClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;

    private BirdControlClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new StreamReader(_stream, Encoding.UTF8);
    }

    /// <summary>Connects and reads the greeting.</summary>
    /// <exception cref="BirdException">No BIRD listens there, or it did not greet.</exception>
    public static async Task<BirdControlClient> ConnectAsync(string socketPath, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        BirdControlClient? client = null;
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
            client = new BirdControlClient(socket);
            var greeting = await client.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
            if (greeting.Code != 1)
            {
                throw new BirdException($"BIRD at {socketPath} greeted with '{greeting.Text}' instead of 0001 ready");
            }

            return client;
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            if (client is not null)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                socket.Dispose();
            }

            throw new BirdException($"cannot connect to BIRD at {socketPath}: {e.Message}", e);
        }
        catch
        {
            if (client is not null)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                socket.Dispose();
            }

            throw;
        }
    }

    /// <summary>Sends one command and reads its whole reply (errors are returned, not thrown).</summary>
    public async Task<BirdReply> SendAsync(string command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException("a BIRD command is one line", nameof(command));
        }

        try
        {
            await _stream.WriteAsync(Encoding.UTF8.GetBytes(command + "\n"), cancellationToken).ConfigureAwait(false);
            return await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new BirdException($"BIRD command '{command}' failed: {e.Message}", e);
        }
    }

    /// <summary>Checks <paramref name="path"/> without loading it (<c>configure check "path"</c>).</summary>
    /// <exception cref="BirdException">BIRD rejects the file; the message carries BIRD's error.</exception>
    public Task<BirdReply> CheckConfigAsync(string path, CancellationToken cancellationToken) =>
        RunAsync($"configure check \"{Escape(path)}\"", cancellationToken);

    /// <summary>Reloads the configuration BIRD was started with (<c>configure</c>).</summary>
    /// <exception cref="BirdException">BIRD rejects it (it keeps running the old one).</exception>
    public Task<BirdReply> ConfigureAsync(CancellationToken cancellationToken) => RunAsync("configure", cancellationToken);

    /// <summary>The <c>show protocols</c> table.</summary>
    public async Task<IReadOnlyList<BirdProtocolStatus>> ShowProtocolsAsync(CancellationToken cancellationToken) =>
        BirdProtocolStatus.Parse(await RunAsync("show protocols", cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        await _stream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
    }

    private async Task<BirdReply> RunAsync(string command, CancellationToken cancellationToken)
    {
        var reply = await SendAsync(command, cancellationToken).ConfigureAwait(false);
        return reply.IsError ? throw new BirdException($"BIRD refused '{command}': {reply.Text}") : reply;
    }

    private async Task<BirdReply> ReadReplyAsync(CancellationToken cancellationToken)
    {
        var lines = new List<BirdReplyLine>();
        var code = 0;
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new BirdException("BIRD closed the control connection in the middle of a reply");
            if (line.StartsWith(' '))
            {
                lines.Add(new BirdReplyLine(code, line[1..]));
                continue;
            }

            if (line.Length < 5 || !int.TryParse(line.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out code)
                || (line[4] != '-' && line[4] != ' '))
            {
                throw new BirdException($"unexpected line from BIRD: '{line}'");
            }

            lines.Add(new BirdReplyLine(code, line[5..]));
            if (line[4] == ' ')
            {
                return new BirdReply(lines);
            }
        }
    }

    private static string Escape(string path) => path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
