using Beacon.Core;
using Beacon.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.Server.Api;

/// <summary>
/// Adds the API's filters as single shared instances. <c>AddEndpointFilter&lt;T&gt;()</c> would
/// construct a filter for every request from the request's service scope, which costs an object,
/// and for endpoints that need no other service, a whole scope.
/// </summary>
internal static class EndpointFilters
{
    private static readonly ErrorFilter s_errors = new();

    /// <summary>Maps the core's typed errors to problems (<see cref="ErrorFilter"/>).</summary>
    public static TBuilder AddErrorFilter<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(s_errors);

    /// <summary>Answers 503 while the node is not ready (<see cref="ReadinessFilter"/>).</summary>
    public static TBuilder RequireReadiness<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factoryContext, next) =>
        {
            var filter = new ReadinessFilter(factoryContext.ApplicationServices.GetRequiredService<NodeReadiness>());
            return invocation => filter.InvokeAsync(invocation, next);
        });
}
