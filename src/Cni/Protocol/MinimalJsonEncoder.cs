using System.Text.Encodings.Web;

namespace Cloudnet.Cni.Protocol;

/// <summary>
/// Escapes only what JSON requires (RFC 8259 section 7): the quotation mark, the reverse solidus
/// and control characters below U+0020 (\", \\, \n, \r, \t, \b, \f, else \uXXXX). Everything else is written as is, so messages
/// stay readable. <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/> writes the same
/// characters, but building it walks all 65,536 code points on every run of the binary, which was
/// a measurable part of its start-up. The output is never embedded in HTML.
/// </summary>
internal sealed class MinimalJsonEncoder : JavaScriptEncoder
{
    /// <summary>The one instance.</summary>
    public static MinimalJsonEncoder Instance { get; } = new();

    private MinimalJsonEncoder()
    {
    }

    /// <inheritdoc />
    public override int MaxOutputCharactersPerInputCharacter => 6; // "\uXXXX"

    /// <inheritdoc />
    public override bool WillEncode(int unicodeScalar) => unicodeScalar is < 0x20 or '"' or '\\';

    /// <inheritdoc />
    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < textLength; i++)
        {
            if (WillEncode(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc />
    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (!WillEncode(unicodeScalar))
        {
            // Written as is: one UTF-16 unit, or a surrogate pair above the BMP.
            var text = char.ConvertFromUtf32(unicodeScalar);
            if (bufferLength < text.Length)
            {
                numberOfCharactersWritten = 0;
                return false;
            }

            for (var i = 0; i < text.Length; i++)
            {
                buffer[i] = text[i];
            }

            numberOfCharactersWritten = text.Length;
            return true;
        }

        // The two-character forms JSON defines, as System.Text.Json writes them; \uXXXX for the rest.
        var shortForm = unicodeScalar switch
        {
            '"' => '"',
            '\\' => '\\',
            '\n' => 'n',
            '\r' => 'r',
            '\t' => 't',
            '\b' => 'b',
            '\f' => 'f',
            _ => '\0',
        };
        if (shortForm != '\0' && bufferLength >= 2)
        {
            buffer[0] = '\\';
            buffer[1] = shortForm;
            numberOfCharactersWritten = 2;
            return true;
        }

        if (bufferLength < 6)
        {
            numberOfCharactersWritten = 0;
            return false;
        }

        const string hex = "0123456789ABCDEF";
        buffer[0] = '\\';
        buffer[1] = 'u';
        buffer[2] = hex[(unicodeScalar >> 12) & 0xF];
        buffer[3] = hex[(unicodeScalar >> 8) & 0xF];
        buffer[4] = hex[(unicodeScalar >> 4) & 0xF];
        buffer[5] = hex[unicodeScalar & 0xF];
        numberOfCharactersWritten = 6;
        return true;
    }
}
