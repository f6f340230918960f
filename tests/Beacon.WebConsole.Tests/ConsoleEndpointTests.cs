using System.Net;
using System.Text.RegularExpressions;
using Beacon.TestKit;

namespace Beacon.WebConsole.Tests;

/// <summary>The node serves the embedded console at /ui: the app, its assets, deep links.</summary>
[Trait("Category", "Integration")]
public sealed partial class ConsoleEndpointTests : IAsyncLifetime
{
    private BeaconTestNode _node = null!;

    public async Task InitializeAsync() => _node = await BeaconTestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Theory]
    [InlineData("/ui")]
    [InlineData("/ui/")]
    [InlineData("/ui/services/orders")]
    [InlineData("/ui/cluster")]
    public async Task Console_AnyAppPath_AnswersTheAppUncached(string path)
    {
        using var response = await _node.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Contains("<div id=\"app\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_BuiltAssets_AreServedWithTypesAndCachedForever()
    {
        var html = await _node.Client.GetStringAsync("/ui/");
        var assets = AssetPattern().Matches(html).Select(m => m.Value).ToArray();
        Assert.Contains(assets, a => a.EndsWith(".js", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.EndsWith(".css", StringComparison.Ordinal));

        foreach (var asset in assets)
        {
            using var response = await _node.Client.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(asset.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript" : "text/css", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Console_MissingAsset_Is404NotTheApp()
    {
        using var response = await _node.Client.GetAsync("/ui/assets/missing-1234.js");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Console_DoesNotShadowTheApi()
    {
        using var response = await _node.Client.GetAsync("/v1/status");

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [GeneratedRegex("/ui/assets/[^\"]+")]
    private static partial Regex AssetPattern();
}
