using System.Text;
using Beacon.LoadGen.Http;

namespace Beacon.Bench.Tests;

[Trait("Category", "Unit")]
public sealed class ResponseParserTests
{
    [Fact]
    public void Head_WithContentLengthAndRevision_IsParsed()
    {
        var text = "HTTP/1.1 201 Created\r\nContent-Length: 473\r\nX-Beacon-Revision: 17\r\nServer: Kestrel\r\n\r\n{...";
        Assert.True(ResponseParser.TryParseHead(Encoding.ASCII.GetBytes(text), out var head));
        Assert.Equal(new ResponseHead(text.IndexOf('{'), 201, 473, Chunked: false, Revision: 17), head);
    }

    [Fact]
    public void Head_Chunked_HasNoContentLength()
    {
        Assert.True(ResponseParser.TryParseHead("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n"u8, out var head));
        Assert.True(head.Chunked);
        Assert.Equal(-1, head.ContentLength);
        Assert.Equal(-1, head.Revision);
    }

    [Fact]
    public void Head_NotYetComplete_AsksForMore() =>
        Assert.False(ResponseParser.TryParseHead("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n"u8, out _));

    [Fact]
    public void Head_MalformedStatusLine_IsAnError() =>
        Assert.Throws<InvalidDataException>(() => ResponseParser.TryParseHead("HTTP/1.1 2x0 OK\r\n\r\n"u8, out _));

    [Fact]
    public void ChunkHeader_IsHex_ExtensionsIgnored()
    {
        Assert.True(ResponseParser.TryParseChunkHeader("1f4;name=value\r\ndata"u8, out var size, out var lineLength));
        Assert.Equal(500, size);
        Assert.Equal(16, lineLength);
        Assert.False(ResponseParser.TryParseChunkHeader("1f4"u8, out _, out _));
    }
}
