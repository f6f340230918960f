using Beacon.Client.AspNetCore;

namespace Beacon.Samples.Orders;

/// <summary>The orders service: answers a few orders and says which instance answered.</summary>
public static class OrdersApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        // Registers this app in Beacon (section "Beacon" of appsettings.json), heartbeats, reports DOWN
        // while shutting down and deregisters.
        builder.Services.AddBeacon(builder.Configuration.GetSection("Beacon"));

        var app = builder.Build();
        var registration = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<BeaconRegistrationOptions>>().Value;
        var instance = registration.InstanceId ?? Environment.MachineName;
        app.MapGet("/orders", () => new
        {
            servedBy = instance,
            orders = new[] { new { id = 1, item = "lamp" }, new { id = 2, item = "desk" } },
        });
        return app;
    }
}
