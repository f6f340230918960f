using System.Text.Json;
using Beacon.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Beacon.WebConsole.Tests;

/// <summary>
/// Answers <c>GET /v1/cluster/members</c> with fixed members, in front of the node's pipeline: the
/// cluster itself is built elsewhere, and the console only needs the contract.
/// </summary>
internal sealed class FakeClusterMembers(ClusterMembers members) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (context.Request.Path == BeaconRoutes.ClusterMembers)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(JsonSerializer.Serialize(members, BeaconJsonContext.Default.ClusterMembers));
                return;
            }

            await nextMiddleware(context);
        });
        next(app);
    };

    public static ClusterMembers ThreeZones() => new()
    {
        Members =
        [
            new ClusterMember { NodeId = "127.0.0.1:8881", Address = "http://127.0.0.1:8881", Zone = "eu-1a", State = MemberState.Up, Self = true, ReplicationBacklog = 0 },
            new ClusterMember { NodeId = "127.0.0.1:8882", Address = "http://127.0.0.1:8882", Zone = "eu-1b", State = MemberState.Up, Self = false, ReplicationBacklog = 0, LastContact = DateTimeOffset.UtcNow.AddSeconds(-1) },
            new ClusterMember { NodeId = "127.0.0.1:8883", Address = "http://127.0.0.1:8883", Zone = "eu-1c", State = MemberState.Suspect, Self = false, ReplicationBacklog = 128, LastContact = DateTimeOffset.UtcNow.AddSeconds(-9) },
        ],
    };
}
