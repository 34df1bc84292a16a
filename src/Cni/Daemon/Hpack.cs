using System.Text;

namespace Cloudnet.Cni.Daemon;

/// <summary>
/// The slice of HPACK (RFC 7541) one unary gRPC call needs. Requests are encoded as literals
/// without indexing; the decoder handles what a server may send once the client announced a
/// dynamic table of size 0 (SETTINGS_HEADER_TABLE_SIZE = 0): static-table references and
/// literals. .NET servers never Huffman-encode, so Huffman strings are reported, not decoded.
/// </summary>
internal static class Hpack
{
    // RFC 7541 appendix A: names of the static table, index 1..61; values where a reference may carry one we read.
    private static readonly string[] StaticNames =
    [
        "", ":authority", ":method", ":method", ":path", ":path", ":scheme", ":scheme", ":status", ":status", ":status", ":status",
        ":status", ":status", ":status", "accept-charset", "accept-encoding", "accept-language", "accept-ranges", "accept",
        "access-control-allow-origin", "age", "allow", "authorization", "cache-control", "content-disposition", "content-encoding",
        "content-language", "content-length", "content-location", "content-range", "content-type", "cookie", "date", "etag", "expect",
        "expires", "from", "host", "if-match", "if-modified-since", "if-none-match", "if-range", "if-unmodified-since", "last-modified",
        "link", "location", "max-forwards", "proxy-authenticate", "proxy-authorization", "range", "referer", "refresh", "retry-after",
        "server", "set-cookie", "strict-transport-security", "transfer-encoding", "user-agent", "vary", "via", "www-authenticate",
    ];

    private static readonly Dictionary<int, string> StaticValues = new()
    {
        [2] = "GET", [3] = "POST", [4] = "/", [5] = "/index.html", [6] = "http", [7] = "https",
        [8] = "200", [9] = "204", [10] = "206", [11] = "304", [12] = "400", [13] = "404", [14] = "500", [16] = "gzip, deflate",
    };

    /// <summary>Appends ":method POST", ":scheme http" (indexed) and the given fields as literals without indexing.</summary>
    public static void EncodeRequest(List<byte> output, IEnumerable<(int NameIndex, string Name, string Value)> fields)
    {
        output.Add(0x80 | 3); // :method POST
        output.Add(0x80 | 6); // :scheme http
        foreach (var (index, name, value) in fields)
        {
            WriteInteger(output, 0x00, 4, index);
            if (index == 0)
            {
                WriteString(output, name);
            }

            WriteString(output, value);
        }
    }

    /// <summary>Decodes a header block into (name, value) pairs.</summary>
    /// <exception cref="FormatException">Huffman strings or dynamic-table references (the server ignored our table size 0).</exception>
    public static List<(string Name, string Value)> Decode(ReadOnlySpan<byte> block)
    {
        var fields = new List<(string, string)>();
        var pos = 0;
        while (pos < block.Length)
        {
            var b = block[pos];
            if ((b & 0x80) != 0)
            {
                var index = ReadInteger(block, ref pos, 7);
                fields.Add((Name(index), StaticValues.GetValueOrDefault(index, string.Empty)));
            }
            else if ((b & 0xE0) == 0x20)
            {
                ReadInteger(block, ref pos, 5); // dynamic table size update
            }
            else
            {
                // 01xxxxxx literal with incremental indexing (a table of size 0 keeps nothing);
                // 0000xxxx without indexing; 0001xxxx never indexed.
                var prefix = (b & 0x40) != 0 ? 6 : 4;
                var index = ReadInteger(block, ref pos, prefix);
                var name = index == 0 ? ReadString(block, ref pos) : Name(index);
                fields.Add((name, ReadString(block, ref pos)));
            }
        }

        return fields;
    }

    private static string Name(int index) =>
        index is > 0 and < 62 ? StaticNames[index] : throw new FormatException($"HPACK: dynamic table index {index} (table size is 0)");

    private static void WriteInteger(List<byte> output, byte flags, int prefixBits, int value)
    {
        var max = (1 << prefixBits) - 1;
        if (value < max)
        {
            output.Add((byte)(flags | value));
            return;
        }

        output.Add((byte)(flags | max));
        value -= max;
        while (value >= 0x80)
        {
            output.Add((byte)((value & 0x7F) | 0x80));
            value >>= 7;
        }

        output.Add((byte)value);
    }

    private static void WriteString(List<byte> output, string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        WriteInteger(output, 0x00, 7, bytes.Length);
        output.AddRange(bytes);
    }

    private static int ReadInteger(ReadOnlySpan<byte> block, ref int pos, int prefixBits)
    {
        var max = (1 << prefixBits) - 1;
        var value = block[pos++] & max;
        if (value < max)
        {
            return value;
        }

        for (var shift = 0; ; shift += 7)
        {
            if (pos >= block.Length || shift > 28)
            {
                throw new FormatException("HPACK: truncated or oversized integer");
            }

            var b = block[pos++];
            value += (b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
    }

    private static string ReadString(ReadOnlySpan<byte> block, ref int pos)
    {
        if (pos >= block.Length)
        {
            throw new FormatException("HPACK: truncated string");
        }

        var huffman = (block[pos] & 0x80) != 0;
        var length = ReadInteger(block, ref pos, 7);
        if (huffman)
        {
            throw new FormatException("HPACK: Huffman-encoded header (not sent by .NET servers)");
        }

        if (pos + length > block.Length)
        {
            throw new FormatException("HPACK: truncated string");
        }

        var text = Encoding.ASCII.GetString(block.Slice(pos, length));
        pos += length;
        return text;
    }
}
