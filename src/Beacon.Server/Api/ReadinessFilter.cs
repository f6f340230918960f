using Beacon.Core;
using Beacon.Server.Hosting;
using Microsoft.AspNetCore.Http;

namespace Beacon.Server.Api;

/// <summary>
/// Reads answer 503 <c>not-ready</c> until the node holds the registry: a starting cluster node's
/// empty answer would look like "no instances" to a client. Writes are accepted meanwhile.
/// </summary>
internal sealed class ReadinessFilter(NodeReadiness readiness) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        readiness.NotReadyReason is { } reason
            ? ValueTask.FromResult<object?>(Problems.NotReady(reason))
            : next(context);
}
