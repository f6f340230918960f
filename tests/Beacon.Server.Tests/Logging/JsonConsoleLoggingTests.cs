using System.Diagnostics;
using System.Text.Json;

namespace Beacon.Server.Tests.Logging;

/// <summary>The documented switch to JSON log lines (docs/operations.md), on the shipped executable.</summary>
[Trait("Category", "Integration")]
public sealed class JsonConsoleLoggingTests
{
    [Fact]
    public async Task Executable_JsonFormatter_WritesOneJsonObjectPerEventWithItsId()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "beacon-server.dll");
        var start = new ProcessStartInfo("dotnet",
            [dll, "--urls", "http://127.0.0.1:0", "--node-id", "json-node", "--Logging:Console:FormatterName", "json"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        using var process = Process.Start(start)!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            JsonElement started = default;
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                using var document = JsonDocument.Parse(line); // every line is one JSON object
                if (document.RootElement.GetProperty("EventId").GetInt32() == 1000)
                {
                    started = document.RootElement.Clone();
                    break;
                }
            }

            Assert.Equal("Information", started.GetProperty("LogLevel").GetString());
            Assert.Equal("Beacon.Server.Hosting.StartupLog", started.GetProperty("Category").GetString());
            Assert.Equal("json-node", started.GetProperty("State").GetProperty("NodeId").GetString());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
