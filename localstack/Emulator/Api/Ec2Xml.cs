using System.Globalization;
using System.Text;
using System.Xml;

namespace Cloudnet.Emulator.Api;

/// <summary>Writes an EC2 Query response document: every element in EC2's 2016-11-15 namespace.</summary>
internal sealed class Ec2Xml : IDisposable
{
    public const string Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";
    // A StringBuilder writer would declare utf-16; the body is sent as UTF-8, so declare that by hand.
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    private static readonly XmlWriterSettings Settings = new() { OmitXmlDeclaration = true, ConformanceLevel = ConformanceLevel.Fragment };
    private readonly StringBuilder _text = new();
    private readonly XmlWriter _writer;

    public Ec2Xml(string action, string requestId)
    {
        _text.Append(Declaration);
        _writer = XmlWriter.Create(_text, Settings);
        _writer.WriteStartElement(action + "Response", Namespace);
        Value("requestId", requestId);
    }

    public Ec2Xml Start(string name)
    {
        _writer.WriteStartElement(name, Namespace);
        return this;
    }

    public Ec2Xml End()
    {
        _writer.WriteEndElement();
        return this;
    }

    public Ec2Xml Value(string name, string? value)
    {
        if (value is not null)
        {
            _writer.WriteElementString(name, Namespace, value);
        }

        return this;
    }

    public Ec2Xml Value(string name, int value) => Value(name, value.ToString(CultureInfo.InvariantCulture));

    public Ec2Xml Value(string name, bool value) => Value(name, value ? "true" : "false");

    public Ec2Xml Value(string name, DateTimeOffset value) =>
        Value(name, value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));

    /// <summary>A "…Set" of items, each written by <paramref name="item"/>.</summary>
    public Ec2Xml Set<T>(string name, IEnumerable<T> items, Action<Ec2Xml, T> item)
    {
        Start(name);
        foreach (var i in items)
        {
            Start("item");
            item(this, i);
            End();
        }

        return End();
    }

    public Ec2Xml TagSet(IReadOnlyDictionary<string, string> tags) =>
        Set("tagSet", tags.OrderBy(t => t.Key, StringComparer.Ordinal), (x, t) => x.Value("key", t.Key).Value("value", t.Value));

    public string Finish()
    {
        _writer.WriteEndElement();
        _writer.Flush();
        return _text.ToString();
    }

    public void Dispose() => _writer.Dispose();

    /// <summary>EC2's error document: Response/Errors/Error/{Code,Message} and RequestID (not namespaced).</summary>
    public static string Error(string code, string message, string requestId)
    {
        var text = new StringBuilder(Declaration);
        using (var w = XmlWriter.Create(text, Settings))
        {
            w.WriteStartElement("Response");
            w.WriteStartElement("Errors");
            w.WriteStartElement("Error");
            w.WriteElementString("Code", code);
            w.WriteElementString("Message", message);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteElementString("RequestID", requestId);
            w.WriteEndElement();
        }

        return text.ToString();
    }
}
