namespace Beacon.WebConsole.Tests;

/// <summary>
/// A test that needs a real browser. Playwright cannot download one here, so it drives Debian's
/// chromium; where that is not installed the test is skipped, saying how to install it.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ExecutablePath))
        {
            Skip = $"Chromium is not installed at {ExecutablePath}; install it with: apt-get install -y chromium";
        }
    }
}
