using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Beacon.LoadGen.Processes;

/// <summary>
/// The trivial endpoint: Kestrel and minimal APIs answering "ok" to <c>GET /</c>. It is built the
/// way the node is (WebApplication.CreateBuilder, server GC, same logging levels), so the gap
/// between the two is Beacon's own work, not the host's.
/// </summary>
public static class TrivialServer
{
    public const string Flag = "--serve-trivial";

    public static async Task RunAsync(int port)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapGet("/", () => "ok");
        await app.RunAsync();
    }
}
