using Beacon.Client.Tests.Support;
using Beacon.Samples.Frontend;
using Beacon.Samples.Orders;
using Beacon.TestKit;
using Microsoft.AspNetCore.Builder;

namespace Beacon.Client.Tests.Integration;

/// <summary>samples/README.md, run by a test: a node, orders, frontend; frontend finds orders through Beacon.</summary>
[Trait("Category", "Integration")]
public sealed class SamplesEndToEndTests : NodeTestBase
{
    [Fact]
    public async Task Frontend_CallsOrders_ThroughBeacon()
    {
        await using var orders = await StartAsync(OrdersApp.Build, "orders", "--Beacon:Registration:InstanceId", "orders-e2e");
        await using var frontend = await StartAsync(FrontendApp.Build, "frontend");
        await Eventually.TrueAsync(() => Node.Registry.FindInstance("default", "orders", "orders-e2e") is not null, "orders registered");
        await Eventually.TrueAsync(() => Node.Registry.FindService("default", "frontend")?.Snapshot.Instances.Length == 1, "frontend registered");

        using var http = new HttpClient { BaseAddress = new Uri(frontend.Address) };
        var answer = await http.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("\"servedBy\":\"orders-e2e\"", answer, StringComparison.Ordinal);
        Assert.Contains("lamp", answer, StringComparison.Ordinal);
    }

    private async Task<RunningApp> StartAsync(Func<string[], WebApplication> build, string sample, params string[] extra)
    {
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            // The sample's own folder, so its appsettings.json is the one read.
            "--contentRoot", Path.Combine(RepositoryRoot(), "samples", sample),
            "--Logging:LogLevel:Default", "Warning",
            "--Beacon:Nodes:0", Node.BaseAddress.ToString(),
            "--Beacon:HeartbeatInterval", "00:00:00.200",
            "--Beacon:DiskCacheDirectory", Cache.Path,
            .. extra,
        ];
        return await RunningApp.StartAsync(build(args));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Beacon.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Beacon.slnx not found above the test's folder.");
    }
}
