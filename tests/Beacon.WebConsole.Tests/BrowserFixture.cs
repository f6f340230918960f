using Microsoft.Playwright;

namespace Beacon.WebConsole.Tests;

/// <summary>One headless chromium for all browser tests (starting it costs about a second).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }

    /// <summary>Where tests leave screenshots to look at: TestResults/console-screenshots.</summary>
    public static string ScreenshotDirectory { get; } =
        Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "TestResults", "console-screenshots"));

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumFactAttribute.ExecutablePath))
        {
            return; // every browser test skips itself
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFactAttribute.ExecutablePath,
            Headless = true,
            // Quiet on a closed network: no update checks, sync or first-run pages.
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
