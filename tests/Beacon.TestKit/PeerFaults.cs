namespace Beacon.TestKit;

/// <summary>
/// Fault injection for in-process clusters: an HTTP handler for a node's peer client that fails the
/// requests a predicate picks, as a lost message or a cut link would, or answers them itself, as a
/// misbehaving peer would. It also counts the requests it lets through.
/// </summary>
public sealed class PeerFaults : DelegatingHandler
{
    private volatile Func<HttpRequestMessage, bool> _drop = static _ => false;
    private volatile Func<HttpRequestMessage, HttpResponseMessage?> _answer = static _ => null;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _sent = new(StringComparer.Ordinal);
    private int _dropped;

    public PeerFaults()
        : base(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(1) })
    {
    }

    /// <summary>Requests failed so far.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    /// <summary>Requests sent on to a peer so far whose path is <paramref name="path"/> (e.g. <c>/v1/peer/replicate</c>).</summary>
    public int Sent(string path) => _sent.GetValueOrDefault(path);

    /// <summary>Fails every request the predicate accepts, until <see cref="Heal"/>.</summary>
    public void Drop(Func<HttpRequestMessage, bool> predicate) => _drop = predicate;

    /// <summary>Fails every request to a node listening on one of <paramref name="ports"/>.</summary>
    public void CutFrom(params int[] ports) => Drop(r => ports.Contains(r.RequestUri!.Port));

    /// <summary>Answers every request for which <paramref name="answer"/> gives a response, until <see cref="Heal"/>.</summary>
    public void Answer(Func<HttpRequestMessage, HttpResponseMessage?> answer) => _answer = answer;

    public void Heal()
    {
        _drop = static _ => false;
        _answer = static _ => null;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_drop(request))
        {
            Interlocked.Increment(ref _dropped);
            throw new HttpRequestException("Dropped by the test (PeerFaults).");
        }

        if (_answer(request) is { } answered)
        {
            return Task.FromResult(answered);
        }

        _sent.AddOrUpdate(request.RequestUri!.AbsolutePath, 1, static (_, count) => count + 1);
        return base.SendAsync(request, cancellationToken);
    }
}
