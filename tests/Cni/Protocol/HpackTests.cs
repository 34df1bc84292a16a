using Cloudnet.Cni.Daemon;

namespace Cloudnet.Cni.Tests.Protocol;

public class HpackTests
{
    [Fact]
    public void EncodeRequest_DecodesBackToTheSameFields()
    {
        var block = new List<byte>();
        Hpack.EncodeRequest(block, [(4, ":path", "/cloudnet.ipam.v1.Ipam/Add"), (31, "content-type", "application/grpc"), (0, "grpc-timeout", "15000m")]);

        var fields = Hpack.Decode(block.ToArray());

        Assert.Equal([(":method", "POST"), (":scheme", "http"), (":path", "/cloudnet.ipam.v1.Ipam/Add"),
            ("content-type", "application/grpc"), ("grpc-timeout", "15000m")], fields);
    }

    [Fact]
    public void Decode_ServerShapes_StatusIndexedSizeUpdateAndIndexingLiteral()
    {
        // size update to 0, ":status 200" indexed, "grpc-status: 14" as a literal with incremental indexing (new name).
        byte[] block = [0x20, 0x88, 0x40, 11, .. "grpc-status"u8, 2, .. "14"u8];

        Assert.Equal([(":status", "200"), ("grpc-status", "14")], Hpack.Decode(block));
    }

    [Fact]
    public void Decode_LongNameIndex_MultiByteInteger()
    {
        // 0x0F 0x10 = literal without indexing, name index 15 + 16 = 31 (content-type).
        byte[] block = [0x0F, 0x10, 16, .. "application/grpc"u8];

        Assert.Equal([("content-type", "application/grpc")], Hpack.Decode(block));
    }

    [Theory]
    [InlineData(new byte[] { 0xBE })]
    [InlineData(new byte[] { 0x00, 0x81, 0x00 })]
    [InlineData(new byte[] { 0x00, 0x05, 0x61 })]
    public void Decode_DynamicIndexHuffmanOrTruncated_FormatException(byte[] block) =>
        Assert.Throws<FormatException>(() => Hpack.Decode(block));
}
