namespace Beacon.Samples.Frontend;

/// <summary>The frontend: calls the orders service by name; Beacon says where it runs.</summary>
public static class FrontendApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        builder.Services.AddBeacon(builder.Configuration.GetSection("Beacon"));
        // "http://orders" is a service name: .NET service discovery asks Beacon for a healthy instance.
        builder.Services.AddHttpClient("orders", c => c.BaseAddress = new("http://orders"))
            .AddServiceDiscovery();

        var app = builder.Build();
        app.MapGet("/", async (IHttpClientFactory clients, CancellationToken cancellationToken) =>
        {
            var orders = clients.CreateClient("orders");
            var answer = await orders.GetStringAsync(new Uri("/orders", UriKind.Relative), cancellationToken);
            return Results.Text($"frontend asked orders, which answered: {answer}\n");
        });
        return app;
    }
}
