using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Beacon.Contracts;
using Beacon.Server.Api;
using Beacon.TestKit;
using Microsoft.Extensions.Primitives;

namespace Beacon.Server.Tests;

/// <summary>The discovery read answers gzip to clients that ask for it, and the same JSON as before to all others.</summary>
[Trait("Category", "Integration")]
public sealed class GzipDiscoveryTests : IAsyncLifetime
{
    private BeaconTestNode _node = null!;

    public async Task InitializeAsync()
    {
        _node = await BeaconTestNode.StartAsync();
        for (var i = 0; i < 20; i++)
        {
            var body = "{\"zone\":\"z" + (i % 2) + "\",\"addresses\":[\"http://10.0.0." + i + ":8080\"],\"metadata\":{\"team\":\"payments\"}}";
            await _node.Client.RegisterOkAsync("orders", $"orders-{i}", body);
        }
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Theory]
    [InlineData("gzip")]
    [InlineData("gzip, deflate, br")]
    [InlineData("br;q=1.0, gzip;q=0.5")]
    [InlineData("*")]
    [InlineData("x-gzip")]
    public async Task AcceptingGzip_GetsTheSameJsonCompressed(string acceptEncoding)
    {
        var plain = await GetAsync("", acceptEncoding: null);
        using var response = await SendAsync("", acceptEncoding);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var compressed = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(compressed.Length, response.Content.Headers.ContentLength);
        Assert.True(compressed.Length < plain.Body.Length / 3, $"{compressed.Length} bytes compressed of {plain.Body.Length}");
        Assert.Equal(plain.Body, Gunzip(compressed));
        Assert.Equal(plain.Revision, response.Headers.GetValues(BeaconHeaders.Revision).Single());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("identity")]
    [InlineData("gzip;q=0")]
    [InlineData("gzip;q=0.000, *")]
    [InlineData("br, deflate")]
    public async Task NotAcceptingGzip_GetsPlainJson(string? acceptEncoding)
    {
        using var response = await SendAsync("", acceptEncoding);

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        var body = await response.Content.ReadFromJsonAsync(BeaconJsonContext.Default.ServiceInstances);
        Assert.Equal(10, body!.Instances.Count(i => i.Zone == "z0"));
    }

    [Fact]
    public async Task FilteredAnswers_AreNeverCompressedPerRequest()
    {
        using var response = await SendAsync("?zone=z1", "gzip");

        Assert.Empty(response.Content.Headers.ContentEncoding);
        var body = await response.Content.ReadFromJsonAsync(BeaconJsonContext.Default.ServiceInstances);
        Assert.All(body!.Instances, i => Assert.Equal("z1", i.Zone));
    }

    [Fact]
    public async Task EverythingFilter_IsCachedAndCompressedToo()
    {
        var plain = await GetAsync("?status=all&healthy=any", acceptEncoding: null);
        using var response = await SendAsync("?status=all&healthy=any", "gzip");

        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.Equal(plain.Body, Gunzip(await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task LongPoll_AnswersGzipAfterAChange()
    {
        var before = await GetAsync("", acceptEncoding: null);
        var poll = SendAsync($"?index={before.Revision}&wait=10s", "gzip");
        await _node.Client.RegisterOkAsync("orders", "orders-new", """{"addresses":["http://10.0.1.1:8080"]}""");
        using var response = await poll;

        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.Contains("orders-new", Encoding.UTF8.GetString(Gunzip(await response.Content.ReadAsByteArrayAsync())));
    }

    [Fact]
    public async Task DecompressingHttpClient_ReadsTheAnswerAsUsual()
    {
        using var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip })
        {
            BaseAddress = _node.BaseAddress,
        };

        var service = await client.GetServiceAsync("orders");

        Assert.Equal(20, service.Instances.Count);
    }

    [Theory]
    [InlineData("gzip", true)]
    [InlineData("GZIP;Q=1", true)]
    [InlineData("deflate, gzip;q=0.001", true)]
    [InlineData("gzip;q=0", false)]
    [InlineData("gzip; q=0.0", false)]
    [InlineData("*;q=0", false)]
    [InlineData("*;q=0, gzip", true)]
    [InlineData("gzip;q=0, *", false)]
    [InlineData("identity", false)]
    [InlineData("", false)]
    [InlineData("gzipx", false)]
    public void AcceptEncodingParser(string header, bool allowsGzip) =>
        Assert.Equal(allowsGzip, AcceptEncoding.AllowsGzip(new StringValues(header)));

    [Fact]
    public void AcceptEncodingParser_ReadsEveryHeaderLine() =>
        Assert.True(AcceptEncoding.AllowsGzip(new StringValues(["br", "gzip"])));

    private async Task<HttpResponseMessage> SendAsync(string query, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, BeaconRoutes.Service("orders") + query);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        return await _node.Client.SendAsync(request);
    }

    private async Task<(byte[] Body, string Revision)> GetAsync(string query, string? acceptEncoding)
    {
        using var response = await SendAsync(query, acceptEncoding);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsByteArrayAsync(), response.Headers.GetValues(BeaconHeaders.Revision).Single());
    }

    private static byte[] Gunzip(byte[] compressed)
    {
        using var input = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
