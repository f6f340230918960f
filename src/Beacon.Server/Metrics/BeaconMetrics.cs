using System.Diagnostics.Metrics;
using Beacon.Core.Registry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Beacon.Server.Metrics;

/// <summary>
/// The node's own instruments, on the <see cref="Meter"/> named <c>Beacon</c>, exported at
/// <c>/metrics</c> (docs/operations.md lists each one and what to alert on).
/// <para>
/// Registry state (instances, services, renewals, evictions, self-preservation) is <b>observed</b> at
/// scrape time from counters the registry keeps anyway, so the request path pays nothing for it.
/// Only things the registry does not count — waiting long polls, open watch streams, and the
/// cluster's replication — are recorded as they happen, through the methods below.
/// </para>
/// </summary>
public sealed partial class BeaconMetrics : IDisposable, Beacon.Cluster.Hosting.IClusterMetrics
{
    /// <summary>The meter's name: <c>AddMeter("Beacon")</c> to collect these instruments.</summary>
    public const string MeterName = "Beacon";

    /// <summary>
    /// The tag that marks requests which wait by design (long polls, watch streams) on ASP.NET Core's
    /// <c>http.server.request.duration</c>, so latency alerts can leave them out.
    /// </summary>
    public const string BlockingTag = "beacon.blocking";

    private readonly Meter _meter;
    private readonly UpDownCounter<long> _longPolls;
    private readonly UpDownCounter<long> _watchStreams;

    public BeaconMetrics(IMeterFactory meterFactory, ServiceRegistry registry)
    {
        _meter = meterFactory.Create(MeterName);

        ObserveRegistry(registry);

        _longPolls = _meter.CreateUpDownCounter<long>("beacon.api.long_polls", "{request}",
            "Blocking reads waiting for a change right now (GET /v1/services/{service}?index=, /v1/changes?wait=)");
        _watchStreams = _meter.CreateUpDownCounter<long>("beacon.api.watch_streams", "{stream}",
            "Server-Sent Events watch streams open right now (GET /v1/watch)");

        CreateClusterInstruments();
    }

    /// <summary>
    /// Counts a blocking read while it waits (<c>using var _ = metrics.TrackLongPoll(context, "services");</c>)
    /// and tags its request so latency percentiles can exclude it.
    /// </summary>
    public Tracked TrackLongPoll(HttpContext context, string endpoint)
    {
        MarkBlocking(context);
        var tags = new KeyValuePair<string, object?>("endpoint", endpoint);
        _longPolls.Add(1, tags);
        return new Tracked(_longPolls, tags);
    }

    /// <summary>Counts an open watch stream for as long as the returned scope lives.</summary>
    public Tracked TrackWatchStream(HttpContext context)
    {
        MarkBlocking(context);
        _watchStreams.Add(1);
        return new Tracked(_watchStreams, default);
    }

    public void Dispose() => _meter.Dispose();

    private static void MarkBlocking(HttpContext context) =>
        context.Features.Get<IHttpMetricsTagsFeature>()?.Tags.Add(new(BlockingTag, "true"));

    /// <summary>Takes one back off an up-down counter when disposed.</summary>
    public readonly struct Tracked : IDisposable
    {
        private readonly UpDownCounter<long>? _counter;
        private readonly KeyValuePair<string, object?> _tag;

        internal Tracked(UpDownCounter<long> counter, KeyValuePair<string, object?> tag)
        {
            _counter = counter;
            _tag = tag;
        }

        public void Dispose()
        {
            if (_tag.Key is null)
            {
                _counter?.Add(-1);
            }
            else
            {
                _counter?.Add(-1, _tag);
            }
        }
    }
}
