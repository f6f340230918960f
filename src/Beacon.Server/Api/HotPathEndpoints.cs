using Beacon.Core.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.Server.Api;

/// <summary>
/// The three requests a registry serves most — register, heartbeat, discovery read — mapped as plain
/// <see cref="RequestDelegate"/>s: the services they use are resolved once here, not per request
/// (which creates a DI scope per request), and no endpoint filters run (each filter costs an
/// invocation context and boxed arguments per request). They map errors to problems exactly as the
/// <see cref="ErrorFilter"/> of the other endpoints does, and the discovery read checks readiness as
/// <see cref="ReadinessFilter"/> does. Same routes, statuses and bodies as before.
/// </summary>
internal static class HotPathEndpoints
{
    public static void Map(IEndpointRouteBuilder v1)
    {
        var registry = v1.ServiceProvider.GetRequiredService<ServiceRegistry>();
        var discovery = DiscoveryServices.From(v1.ServiceProvider);
        v1.MapPut("/services/{service}/instances/{id}", Handle(context =>
            InstanceEndpoints.RegisterAsync(Route(context, "service"), Route(context, "id"), context, registry)));
        v1.MapPost("/services/{service}/instances/{id}/heartbeat", Handle(context =>
            ValueTask.FromResult(InstanceEndpoints.Heartbeat(Route(context, "service"), Route(context, "id"), context.Request, registry))));
        v1.MapGet("/services/{service}", Handle(context =>
            ServiceEndpoints.GetAsync(Route(context, "service"), context, discovery)));
    }

    private static string Route(HttpContext context, string name) => context.Request.RouteValues[name] as string ?? "";

    /// <summary>Runs a handler and writes its result, or the problem its exception maps to.</summary>
    private static RequestDelegate Handle(Func<HttpContext, ValueTask<IResult>> handler) => context =>
    {
        ValueTask<IResult> pending;
        try
        {
            pending = handler(context);
        }
        catch (Exception e) when (ErrorFilter.ToProblem(e) is { } problem)
        {
            return problem.ExecuteAsync(context);
        }

        return pending.IsCompletedSuccessfully ? pending.Result.ExecuteAsync(context) : AwaitAsync(pending, context);
    };

    private static async Task AwaitAsync(ValueTask<IResult> pending, HttpContext context)
    {
        IResult result;
        try
        {
            result = await pending;
        }
        catch (Exception e) when (ErrorFilter.ToProblem(e) is { } problem)
        {
            result = problem;
        }

        await result.ExecuteAsync(context);
    }
}
