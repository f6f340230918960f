using Beacon.Contracts;
using Beacon.Core.Changes;
using Beacon.Core.Registry;
using Beacon.Core.Validation;
using Beacon.Server.Hosting;
using Beacon.Server.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Beacon.Server.Api;

/// <summary><c>GET /v1/changes</c>: the namespace's changes after a revision, optionally blocking.</summary>
internal static class ChangeEndpoints
{
    public static void Map(RouteGroupBuilder v1) =>
        v1.MapGet("/changes", GetAsync).RequireReadiness();

    private static async Task<IResult> GetAsync(
        HttpContext context, ServiceRegistry registry, IOptions<BeaconServerOptions> options, TimeProvider time, BeaconMetrics metrics,
        IHostApplicationLifetime lifetime)
    {
        var request = context.Request;
        var api = options.Value.Api;
        var @namespace = QueryParameters.Namespace(request);
        var since = QueryParameters.Long(request, "since")
            ?? throw new InvalidArgumentException("since",
                "'since' is required: pass the revision of your last full read (the 'revision' of /v1/services or /v1/status).");
        var limit = QueryParameters.Int(request, "limit", 1, api.MaxChangesPerRead) ?? api.MaxChangesPerRead;
        var wait = QueryParameters.Wait(request, api.MaxWait);

        var log = registry.Changes;
        var changes = new List<Change>();
        using var timeout = new CancellationTokenSource(wait ?? TimeSpan.Zero, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, lifetime.ApplicationStopping, context.RequestAborted);
        var position = since;
        using var waiting = wait is null ? default : metrics.TrackLongPoll(context, "changes");
        while (true)
        {
            var appended = log.Appended.WaitAsync();
            if (!log.TryRead(position, limit, c => c.Instance.Namespace == @namespace, changes, out position))
            {
                return Problems.HistoryGone(since, log.OldestRetained, log.Revision);
            }

            if (changes.Count > 0 || wait is null ||
                !await RevisionWaiter.WaitAsync(appended, linked.Token, context.RequestAborted))
            {
                break;
            }
        }

        if (changes.Count == 0 && wait is not null)
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var infos = changes.ConvertAll(InstanceMapper.ToInfo);
        return TypedResults.Json(
            new ChangeFeed { Namespace = @namespace, Revision = position, More = position < log.Revision, Changes = infos },
            BeaconJsonContext.Wire.ChangeFeed);
    }
}
