using Beacon.Contracts;
using Beacon.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Beacon.WebConsole.Tests;

/// <summary>The console in a real browser against a real node: what an operator sees and does.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ConsoleBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private BeaconTestNode _node = null!;
    private IBrowserContext? _context;

    private HttpClient Client => _node.Client;

    public async Task InitializeAsync()
    {
        _node = await BeaconTestNode.StartAsync(new Dictionary<string, string?> { ["Beacon:Zone"] = "eu-1a" });
        if (browser.Browser is not null)
        {
            _context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = _node.BaseAddress.ToString(),
                ViewportSize = new ViewportSize { Width = 1400, Height = 860 },
            });
            _context.SetDefaultTimeout(10_000);
        }
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
        }

        await _node.DisposeAsync();
    }

    [ChromiumFact]
    public async Task ServicesPage_InstanceRegistersAfterLoad_ServiceAppearsLive()
    {
        var page = await _context!.NewPageAsync();
        await page.GotoAsync("/ui/");
        await Expect(page.GetByText("No services in namespace")).ToBeVisibleAsync();

        await Client.RegisterOkAsync("orders", "o-1");

        var row = page.Locator("table.services tbody tr", new() { HasText = "orders" });
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.Locator(".health-text")).ToHaveTextAsync("1/1");
    }

    [ChromiumFact]
    public async Task ServicePage_InstanceRegistersAfterLoad_RowAppearsLive()
    {
        await Client.RegisterOkAsync("orders", "o-1");
        var page = await _context!.NewPageAsync();
        await page.GotoAsync("/ui/services/orders");
        await Expect(page.Locator("tr[data-instance='o-1']")).ToBeVisibleAsync();
        await Expect(page.Locator(".live-on")).ToBeVisibleAsync();

        await Client.RegisterOkAsync("orders", "o-2", """{"addresses":["http://10.0.0.9:8080"],"zone":"eu-1b","weight":30,"metadata":{"team":"payments"}}""");

        var row = page.Locator("tr[data-instance='o-2']");
        await Expect(row).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("eu-1b");
        await Expect(row).ToContainTextAsync("http://10.0.0.9:8080");
        await Expect(row).ToContainTextAsync("team");
        await Expect(row.Locator(".badge").First).ToHaveTextAsync("Up");
    }

    [ChromiumFact]
    public async Task ServicePage_TakeOutOfServiceAndBack_SetsAndClearsTheOverride()
    {
        await Client.RegisterOkAsync("orders", "o-1");
        var page = await _context!.NewPageAsync();
        await page.GotoAsync("/ui/services/orders");
        var row = page.Locator("tr[data-instance='o-1']");

        await row.GetByRole(AriaRole.Button, new() { Name = "Take out of service" }).ClickAsync();

        await Expect(row.Locator(".badge").First).ToContainTextAsync("Out of service");
        Assert.Equal(InstanceStatus.OutOfService, (await Client.FindAsync("orders", "o-1"))!.StatusOverride);
        await Expect(page.Locator(".toast")).ToContainTextAsync("o-1 taken out of service");

        await row.GetByRole(AriaRole.Button, new() { Name = "Put back in service" }).ClickAsync();

        await Expect(row.Locator(".badge").First).ToHaveTextAsync("Up");
        var back = (await Client.FindAsync("orders", "o-1"))!;
        Assert.Equal((InstanceStatus.Up, (InstanceStatus?)null), (back.Status, back.StatusOverride));
    }

    [ChromiumFact]
    public async Task ServicePage_ChangeWeightInDialog_StoresTheWeight()
    {
        await Client.RegisterOkAsync("orders", "o-1");
        var page = await _context!.NewPageAsync();
        await page.GotoAsync("/ui/services/orders");
        var row = page.Locator("tr[data-instance='o-1']");

        await row.GetByRole(AriaRole.Button, new() { Name = "Weight", Exact = true }).ClickAsync();
        await page.GetByLabel("Weight", new() { Exact = true }).FillAsync("25");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save weight" }).ClickAsync();

        await Expect(row.Locator(".link-btn")).ToHaveTextAsync("25");
        Assert.Equal(25, (await Client.FindAsync("orders", "o-1"))!.Weight);
    }

    [ChromiumFact]
    public async Task ServicePage_DeregisterAfterConfirming_RemovesTheInstance()
    {
        await Client.RegisterOkAsync("orders", "o-1");
        await Client.RegisterOkAsync("orders", "o-2");
        var page = await _context!.NewPageAsync();
        await page.GotoAsync("/ui/services/orders");

        await page.Locator("tr[data-instance='o-1']").GetByRole(AriaRole.Button, new() { Name = "Deregister" }).ClickAsync();
        await page.Locator("dialog").GetByRole(AriaRole.Button, new() { Name = "Deregister" }).ClickAsync();

        await Expect(page.Locator("tr[data-instance='o-1']")).ToHaveCountAsync(0);
        Assert.Null(await Client.FindAsync("orders", "o-1"));
        Assert.NotNull(await Client.FindAsync("orders", "o-2"));
    }

    [ChromiumFact]
    public async Task ClusterPage_SingleNode_SaysSoAndShowsSelfPreservation()
    {
        var page = await _context!.NewPageAsync();
        await page.GotoAsync("/ui/cluster");

        await Expect(page.GetByText("Single node", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("This node")).ToContainTextAsync("test-node");
        await Expect(page.GetByLabel("Self-preservation")).ToContainTextAsync("Warming up");
    }

    [ChromiumFact]
    public async Task ClusterPage_WithMembers_ListsEachWithStateAndBacklog()
    {
        await using var clustered = await BeaconTestNode.StartAsync(services: s =>
            s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new FakeClusterMembers(FakeClusterMembers.ThreeZones())));
        var page = await _context!.NewPageAsync();
        await page.GotoAsync(new Uri(clustered.BaseAddress, "/ui/cluster").ToString());

        var rows = page.Locator("table.members tbody tr");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.Nth(0)).ToContainTextAsync("this node");
        await Expect(rows.Nth(2)).ToContainTextAsync("suspect");
        await Expect(rows.Nth(2)).ToContainTextAsync("128");
        await Expect(page.GetByText("1 suspect")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("cluster-members"), FullPage = true });
    }

    [ChromiumFact]
    public async Task Screenshots_OfEveryPage_AreSavedToLookAt()
    {
        await Client.RegisterOkAsync("orders", "orders-1", """{"addresses":["http://10.0.0.5:8080"],"zone":"eu-1a","version":"1.4.2","metadata":{"team":"payments"}}""");
        await Client.RegisterOkAsync("orders", "orders-2", """{"addresses":["http://10.0.0.6:8080","grpc://10.0.0.6:9090"],"zone":"eu-1b","weight":50}""");
        await Client.RegisterOkAsync("orders", "orders-3", """{"addresses":["http://10.0.0.7:8080"],"status":"STARTING","metadata":{"canary":"true"}}""");
        await Client.RegisterOkAsync("payments", "pay-1", """{"addresses":["http://10.0.1.5:8080"],"healthy":false}""");
        using var patch = await Client.PatchAsync(BeaconRoutes.Instance("orders", "orders-2"),
            new StringContent("""{"statusOverride":"OUT_OF_SERVICE"}""", System.Text.Encoding.UTF8, "application/json"));
        var page = await _context!.NewPageAsync();

        foreach (var (path, ready, name) in new[]
        {
            ("/ui/", "table.services", "services"),
            ("/ui/services/orders", "tr[data-instance='orders-3']", "service"),
            ("/ui/cluster", "text=Single node", "cluster"),
        })
        {
            await page.GotoAsync(path);
            await Expect(page.Locator(ready)).ToBeVisibleAsync();
            var file = Screenshot(name);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            Assert.True(new FileInfo(file).Length > 10_000, $"{file} looks empty");
        }

        await page.GotoAsync("/ui/services/orders");
        await page.Locator("tr[data-instance='orders-1']").GetByRole(AriaRole.Button, new() { Name = "Weight", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save weight" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("weight-dialog") });

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Dark });
        await page.Keyboard.PressAsync("Escape");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("service-dark"), FullPage = true });
    }

    private static string Screenshot(string name)
    {
        Directory.CreateDirectory(BrowserFixture.ScreenshotDirectory);
        return Path.Combine(BrowserFixture.ScreenshotDirectory, $"{name}.png");
    }
}
